#include <bits/stdc++.h>
using namespace std;

// Count subsequences equal to a target string (DP with modulo)
int main() {
    string s, t;
    cin >> s >> t;
    const int MOD = 1e9 + 7;
    vector<long long> dp(t.size() + 1, 0);
    dp[0] = 1;
    for (char c : s) {
        for (int j = (int)t.size(); j >= 1; --j) {
            if (t[j - 1] == c) dp[j] = (dp[j] + dp[j - 1]) % MOD;
        }
    }
    cout << dp[t.size()] << '\n';
    return 0;
}
