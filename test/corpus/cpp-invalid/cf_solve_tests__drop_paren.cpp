#include <bits/stdc++.h>
using namespace std;

void solve() {
    int n;
    cin >> n;
    vector<int> a(n);
    for (auto& x : a) cin >> x;
    int odd = count_if(a.begin(), a.end(), [](int x) { return x & 1; });
    int even = n - odd;
    if (odd % 2 == 0 {
        cout << "YES\n";
        return;
    }
    cout << (even > 0 ? "YES" : "NO") << "\n";
}

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int tc = 1;
    cin >> tc;
    for (int t = 1; t <= tc; ++t) {
        solve();
    }
    return 0;
}
