#include <bits/stdc++.h>
using namespace std;

// Kth smallest element in a range with a merge sort tree
struct MergeSortTree {
    int n;
    vector<vector<int>> t;
    MergeSortTree(const vector<int> &a) : n(a.size()), t(4 * a.size()) { build(1, 0, n - 1, a); }
    void build(int v, int l, int r, const vector<int> &a) {
        if (l == r) {
            t[v] = {a[l]};
            return;
        }
        int m = (l + r) / 2;
        build(2 * v, l, m, a);
        build(2 * v + 1, m + 1, r, a);
        merge(t[2 * v].begin(), t[2 * v].end(), t[2 * v + 1].begin(), t[2 * v + 1].end(), back_inserter(t[v]));
    }
    int countLE(int v, int l, int r, int ql, int qr, int x) const {
        if (qr < l || r < ql) return 0;
        if (ql <= l && r <= qr) return upper_bound(t[v].begin(), t[v].end(), x) - t[v].begin();
        int m = (l + r) / 2;
        return countLE(2 * v, l, m, ql, qr, x) + countLE(2 * v + 1, m + 1, r, ql, qr, x);
    }
};

int main() {
    int n, q;
    cin >> n >> q;
    vector<int> a(n);
    for (auto &x : a) cin >> x;
    vector<int> vals = a;
    sort(vals.begin(), vals.end());
    MergeSortTree mst(a);
    while (q--) {
        int l, r, k;
        cin >> l >> r >> k;
        int lo = 0, hi = n - 1;
        while (lo < hi) {
            int mid = (lo + hi) / 2;
            if (mst.countLE(1, 0, n - 1, l - 1, r - 1, vals[mid]) >= k) hi = mid;
            else lo = mid + 1;
        }
        cout << vals[lo] << '\n';
    }
}
