#include <bits/stdc++.h>
using namespace std;
#define SZ(x) ((int)(x).size())
#define MAXI(a, b) ((a) = max((a), (b)))
typedef vector<int> vi;

// Longest palindromic subsequence (interval DP), with the usual shorthand macros
int main() {
    string s;
    cin >> s;
    int n = SZ(s);
    vector<vi> dp(n, vi(n, 0));
    for (int i = n - 1; i >= 0; --i) {
        dp[i][i] = 1;
        for (int j = i + 1; j < n; ++j) {
            if (s[i] == s[j]) dp[i][j] = dp[i + 1][j - 1] + 2;
            else MAXI(dp[i][j], max(dp[i + 1][j], dp[i][j - 1]));
        }
    }
    cout << (n ? dp[0][n - 1] : 0) << '\n';
}
