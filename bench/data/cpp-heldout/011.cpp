#include <bits/stdc++.h>
using namespace std;

struct SegTree {
    int n;
    vector<long long> t, lazy;
    SegTree(int n) : n(n), t(4 * n), lazy(4 * n) {}
    void push(int node, int l, int r) {
        if (lazy[node]) {
            int mid = (l + r) / 2;
            apply(2 * node, l, mid, lazy[node]);
            apply(2 * node + 1, mid + 1, r, lazy[node]);
            lazy[node] = 0;
        }
    }
    void apply(int node, int l, int r, long long v) {
        t[node] += v * (r - l + 1);
        lazy[node] += v;
    }
    void update(int node, int l, int r, int ql, int qr, long long v) {
        if (qr < l || r < ql) return;
        if (ql <= l && r <= qr) {
            apply(node, l, r, v);
            return;
        }
        push(node, l, r);
        int mid = (l + r) / 2;
        update(2 * node, l, mid, ql, qr, v);
        update(2 * node + 1, mid + 1, r, ql, qr, v);
        t[node] = t[2 * node] + t[2 * node + 1];
    }
    long long query(int node, int l, int r, int ql, int qr) {
        if (qr < l || r < ql) return 0;
        if (ql <= l && r <= qr) return t[node];
        push(node, l, r);
        int mid = (l + r) / 2;
        return query(2 * node, l, mid, ql, qr) + query(2 * node + 1, mid + 1, r, ql, qr);
    }
};

int main() {
    int n, q;
    cin >> n >> q;
    SegTree st(n);
    while (q--) {
        char op;
        int l, r;
        cin >> op >> l >> r;
        if (op == 'a') {
            long long v;
            cin >> v;
            st.update(1, 0, n - 1, l, r, v);
        } else {
            cout << st.query(1, 0, n - 1, l, r) << '\n';
        }
    }
}
