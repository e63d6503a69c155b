#include <bits/stdc++.h>
using namespace std;

// Persistent segment tree: k-th smallest in a range over versions
struct Node {
    int l, r, cnt;
};
vector<Node> t(1);  // node 0 is the empty tree

int update(int prev, int lo, int hi, int pos) {
    int cur = t.size();
    t.push_back(t[prev]);
    t[cur].cnt++;
    if (lo != hi) {
        int mid = (lo + hi) / 2;
        if (pos <= mid) {
            int child = update(t[prev].l, lo, mid, pos);
            t[cur].l = child;
        } else {
            int child = update(t[prev].r, mid + 1, hi, pos);
            t[cur].r = child;
        }
    }
    return cur;
}

int kth(int a, int b, int lo, int hi, int k) {
    if (lo == hi) return lo;
    int mid = (lo + hi) / 2;
    int leftCount = t[t[b].l].cnt - t[t[a].l].cnt;
    if (k <= leftCount) return kth(t[a].l, t[b].l, lo, mid, k);
    return kth(t[a].r, t[b].r, mid + 1, hi, k - leftCount);
}

int main() {
    int n, q;
    cin >> n >> q;
    vector<int> a(n);
    for (auto &x : a) cin >> x;
    vector<int> vals(a.begin(), a.end());
    sort(vals.begin(), vals.end());
    vals.erase(unique(vals.begin(), vals.end()), vals.end());
    int m = vals.size();
    vector<int> roots(n + 1, 0);
    for (int i = 0; i < n; ++i) {
        int pos = lower_bound(vals.begin(), vals.end(), a[i]) - vals.begin();
        roots[i + 1] = update(roots[i], 0, m - 1, pos);
    }
    while (q--) {
        int l, r, k;
        cin >> l >> r >> k;
        cout << vals[kth(roots[l - 1], roots[r], 0, m - 1, k)] << '\n';
    }
}
