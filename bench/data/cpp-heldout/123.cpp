#include <bits/stdc++.h>
using namespace std;

// Shortest common supersequence length and one supersequence
int main() {
    string a, b;
    cin >> a >> b;
    int n = a.size(), m = b.size();
    vector<vector<int>> dp(n + 1, vector<int>(m + 1));
    for (int i = 0; i <= n; ++i)
        for (int j = 0; j <= m; ++j) {
            if (i == 0) dp[i][j] = j;
            else if (j == 0) dp[i][j] = i;
            else if (a[i - 1] == b[j - 1]) dp[i][j] = dp[i - 1][j - 1] + 1;
            else dp[i][j] = 1 + min(dp[i - 1][j], dp[i][j - 1]);
        }
    string res;
    int i = n, j = m;
    while (i > 0 && j > 0) {
        if (a[i - 1] == b[j - 1]) {
            res += a[i - 1];
            --i, --j;
        } else if (dp[i - 1][j] < dp[i][j - 1]) {
            res += a[--i];
        } else {
            res += b[--j];
        }
    }
    while (i > 0) res += a[--i];
    while (j > 0) res += b[--j];
    reverse(res.begin(), res.end());
    cout << dp[n][m] << ' ' << res << '\n';
}
