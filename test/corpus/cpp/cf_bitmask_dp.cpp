#include <bits/stdc++.h>
using namespace std;

int main() {
    int n;
    cin >> n;
    vector<vector<int>> cost(n, vector<int>(n));
    for (auto& row : cost)
        for (auto& c : row) cin >> c;
    const int FULL = 1 << n;
    vector<vector<int>> dp(FULL, vector<int>(n, INT_MAX / 2));
    dp[1][0] = 0;
    for (int mask = 1; mask < FULL; ++mask)
        for (int last = 0; last < n; ++last) {
            if (!(mask & (1 << last))) continue;
            if (dp[mask][last] >= INT_MAX / 2) continue;
            for (int nxt = 0; nxt < n; ++nxt) {
                if (mask & (1 << nxt)) continue;
                int nm = mask | (1 << nxt);
                dp[nm][nxt] = min(dp[nm][nxt], dp[mask][last] + cost[last][nxt]);
            }
        }
    int ans = INT_MAX;
    for (int last = 0; last < n; ++last) ans = min(ans, dp[FULL - 1][last] + cost[last][0]);
    cout << ans << '\n';
}
