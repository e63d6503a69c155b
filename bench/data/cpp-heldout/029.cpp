#include <bits/stdc++.h>
using namespace std;

template <class T, class Cmp = less<T>>
class SparseTable {
    vector<vector<T>> st;
    vector<int> lg;
    Cmp cmp;

public:
    SparseTable(const vector<T> &a) {
        int n = a.size();
        lg.assign(n + 1, 0);
        for (int i = 2; i <= n; i++) lg[i] = lg[i / 2] + 1;
        st.assign(lg[n] + 1, vector<T>(n));
        st[0] = a;
        for (int k = 1; k <= lg[n]; k++)
            for (int i = 0; i + (1 << k) <= n; i++) {
                const T &x = st[k - 1][i], &y = st[k - 1][i + (1 << (k - 1))];
                st[k][i] = cmp(x, y) ? x : y;
            }
    }
    T query(int l, int r) const {
        int k = lg[r - l + 1];
        const T &x = st[k][l], &y = st[k][r - (1 << k) + 1];
        return cmp(x, y) ? x : y;
    }
};

int main() {
    int n, q;
    cin >> n >> q;
    vector<int> a(n);
    for (int &x : a) cin >> x;
    SparseTable<int> mn(a);
    SparseTable<int, greater<int>> mx(a);
    while (q--) {
        int l, r;
        cin >> l >> r;
        --l, --r;
        cout << mx.query(l, r) - mn.query(l, r) << '\n';
    }
    return 0;
}
