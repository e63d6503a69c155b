#include <bits/stdc++.h>
using namespace std;

const int N = 20;
int dist_[N][N];
int dp[1 << N][N];

// Travelling salesman over a small number of cities (bitmask DP)
int main() {
    int n;
    cin >> n;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) cin >> dist_[i][j];
    for (int mask = 0; mask < (1 << n); mask++)
        for (int i = 0; i < n; i++) dp[mask][i] = INT_MAX / 2;
    dp[1][0] = 0;
    for (int mask = 1; mask < (1 << n); mask++) {
        for (int last = 0; last < n; last++) {
            if (!(mask & (1 << last)) || dp[mask][last] >= INT_MAX / 2) continue;
            for (int nxt = 0; nxt < n; nxt++) {
                if (mask & (1 << nxt)) continue;
                int nm = mask | (1 << nxt);
                dp[nm][nxt] = min(dp[nm][nxt], dp[mask][last] + dist_[last][nxt]);
            }
        }
    }
    int full = (1 << n) - 1, ans = INT_MAX;
    for (int i = 1; i < n; i++) ans = min(ans, dp[full][i] + dist_[i][0]);
    cout << (n == 1 ? 0 : ans) << endl;
}
