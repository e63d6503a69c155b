#include <bits/stdc++.h>
using namespace std;

// Sqrt decomposition: point update, range minimum
struct SqrtMin {
    int n, block;
    vector<int> a, mins;
    SqrtMin(const vector<int> &v) : n(v.size()), a(v) {
        block = max(1, (int)sqrt(n));
        mins.assign((n + block - 1) / block, INT_MAX);
        for (int i = 0; i < n; i++) mins[i / block] = min(mins[i / block], a[i]);
    }
    void set(int i, int v) {
        a[i] = v;
        int b = i / block;
        mins[b] = INT_MAX;
        for (int j = b * block; j < min(n, (b + 1) * block); j++) mins[b] = min(mins[b], a[j]);
    }
    int query(int l, int r) {
        int res = INT_MAX;
        while (l <= r && l % block != 0) res = min(res, a[l++]);
        while (l + block - 1 <= r) {
            res = min(res, mins[l / block]);
            l += block;
        }
        while (l <= r) res = min(res, a[l++]);
        return res;
    }
};

int main() {
    int n, q;
    cin >> n >> q;
    vector<int> v(n);
    for (int &x : v) cin >> x;
    SqrtMin s(v);
    while (q--) {
        int t, x, y;
        cin >> t >> x >> y;
        if (t == 1) s.set(x, y);
        else cout << s.query(x, y) << '\n';
    }
}
