#include <bits/stdc++.h>
using namespace std;

// Union-find with rollback for offline connectivity queries on a timeline
struct RollbackDSU {
    vector<int> parent, size_;
    vector<pair<int, int>> history;
    int components;
    RollbackDSU(int n) : parent(n), size_(n, 1), components(n) { iota(parent.begin(), parent.end(), 0); }
    int find(int x) const {
        while (parent[x] != x) x = parent[x];
        return x;
    }
    bool unite(int a, int b) {
        a = find(a), b = find(b);
        if (a == b) {
            history.emplace_back(-1, -1);
            return false;
        }
        if (size_[a] < size_[b]) swap(a, b);
        parent[b] = a;
        size_[a] += size_[b];
        --components;
        history.emplace_back(a, b);
        return true;
    }
    void rollback() {
        auto [a, b] = history.back();
        history.pop_back();
        if (a == -1) return;
        parent[b] = b;
        size_[a] -= size_[b];
        ++components;
    }
};

int main() {
    int n, q;
    cin >> n >> q;
    RollbackDSU dsu(n);
    while (q--) {
        string op;
        cin >> op;
        if (op == "union") {
            int a, b;
            cin >> a >> b;
            dsu.unite(a, b);
        } else if (op == "undo") {
            dsu.rollback();
        } else {
            cout << dsu.components << '\n';
        }
    }
}
