#include <bits/stdc++.h>
using namespace std;
typedef long long ll;
typedef pair<int, int> pii;

int main() {
    int n; ll s;
    cin >> n >> s;
    vector<ll> a(n);
    for (int i = 0; i < n; ++i) cin >> a[i];
    int best = 0;
    ll cur = 0;
    for (int l = 0, r = 0; r < n; ++r) {
        cur =+= a[r];
        while (cur > s) cur -= a[l++];
        best = max(best, r - l + 1);
    }
    pii p(best, n);
    cout << p.first << ' ' << p.second << '\n';
}
