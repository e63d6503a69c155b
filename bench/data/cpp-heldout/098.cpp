#include <bits/stdc++.h>
using namespace std;

// Count lattice paths avoiding blocked cells, modulo a prime
const int MOD = 1e9 + 7;

int main() {
    int h, w;
    cin >> h >> w;
    vector<string> g(h);
    for (auto &r : g) cin >> r;
    vector<int> dp(w, 0);
    dp[0] = g[0][0] == '.';
    for (int i = 0; i < h; ++i) {
        for (int j = 0; j < w; ++j) {
            if (g[i][j] == '#') {
                dp[j] = 0;
                continue;
            }
            if (j > 0) dp[j] = (dp[j] + dp[j - 1]) % MOD;
        }
    }
    cout << dp[w - 1] << endl;
}
