#include <bits/stdc++.h>
using namespace std;
#define FAST_IO ios::sync_with_stdio(false); cin.tie(nullptr)
typedef long long ll;

// Number of subarrays with sum exactly k (prefix sums + hash map)
int main() {
    FAST_IO;
    int n;
    ll k;
    cin >> n >> k;
    unordered_map<ll, int> cnt;
    cnt.reserve(n * 2 + 1);
    cnt[0] = 1;
    ll pre = 0, ans = 0;
    for (int i = 0; i < n; ++i) {
        ll x;
        cin >> x;
        pre += x;
        auto it = cnt.find(pre - k);
        if (it != cnt.end()) ans += it->second;
        ++cnt[pre];
    }
    cout << ans << '\n';
    return 0;
}
