#include <bits/stdc++.h>
using namespace std;
#define int long long
#define pb push_back
#define F first
#define S second

int32_t main() {
    ios_base::sync_with_stdio(0);
    cin.tie(0);
    int t;
    cin >> t;
    while (t--) {
        int n, k;
        cin >> n >> k;
        vector<pair<int, int>> v;
        for (int i = 0; i < n; i++) {
            int x;
            cin >> x;
            v.pb({x, i});
        }
        sort(v.begin(), v.end());
        int groups = 1;
        for (int i = 1; i < n; i++) {
            if (v[i].S != v[i - 1].S + 1) groups++;
        }
        cout << (groups <= k ? "Yes" : "No") << '\n';
    }
    return 0;
}
