#include <bits/stdc++.h>
using namespace std;

template <typename T>
struct Fenwick {
    int n;
    vector<T> bit;
    explicit Fenwick(int n) : n(n), bit(n + 1, T()) {}
    void add(int i, T delta) {
        for (; i <= n; i += i & -i) bit[i] += delta;
    }
    T sum(int i) const {
        T s{};
        for (; i > 0; i -= i & -i) s += bit[i];
        return s;
    }
    T range(int l, int r) const { return sum(r) - sum(l - 1); }
};

int main() {
    int n, q;
    cin >> n >> q;
    Fenwick<long long> fw(n);
    for (int i = 1; i <= n; i++) {
        long long x;
        cin >> x;
        fw.add(i, x);
    }
    while (q--) {
        int type;
        cin >> type;
        if (type == 1) {
            int pos;
            long long val;
            cin >> pos >> val;
            long long cur = fw.range(pos, pos);
            fw.add(pos, val - cur);
        } else {
            int l, r;
            cin >> l >> r;
            cout << fw.range(l, r) << "\n";
        }
    }
    return 0;
}
