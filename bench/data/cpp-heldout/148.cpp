#include <bits/stdc++.h>
using namespace std;

// Decode ways: count decodings of a digit string where 1..26 map to letters
int main() {
    string s;
    cin >> s;
    const long long MOD = 1000000007;
    int n = s.size();
    vector<long long> dp(n + 1, 0);
    dp[0] = 1;
    for (int i = 1; i <= n; ++i) {
        if (s[i - 1] != '0') dp[i] = dp[i - 1];
        if (i >= 2) {
            int two = (s[i - 2] - '0') * 10 + (s[i - 1] - '0');
            if (two >= 10 && two <= 26) dp[i] = (dp[i] + dp[i - 2]) % MOD;
        }
    }
    cout << dp[n] << '\n';
}
