#include <bits/stdc++.h>
using namespace std;

template <typename T>
class SegmentTree {
public:
    SegmentTree(int n) : n_(n), tree_(4 * n, T()) {}

    void update(int pos, T value) { update(1, 0, n_ - 1, pos, value); }
    T query(int l, int r) const { return query(1, 0, n_ - 1, l, r); }

private:
    int n_;
    vector<T> tree_;

    void update(int node, int lo, int hi, int pos, T value) {
        if (lo == hi) {
            tree_[node] = value;
            return;
        }
        int mid = (lo + hi) >> 1;
        if (pos <= mid) update(node << 1, lo, mid, pos, value);
        else update(node << 1 | 1, mid + 1, hi, pos, value);
        tree_[node] = tree_[node << 1] + tree_[node << 1 | 1];
    }

    T query(int node, int lo, int hi, int l, int r) const {
        if (r < lo || hi < l) return T();
        if (l <= lo && hi <= r) return tree_[node];
        int mid = (lo + hi) / 2;
        return query(2 * node, lo, mid, l, r) + query(2 * node + 1, mid + 1, hi, l, r);
    }
};

int main() {
    SegmentTree<long long> st(8);
    for (int i = 0; i < 8; ++i) st.update(i, i * i);
    cout << st.query(2, 5) << '\n';
    return 0;
}
