#include <bits/stdc++.h>
using namespace std;
typedef long long ll;
typedef vector<ll> vl;

// Matrix-chain multiplication order (interval DP)
int main() {
    int n;
    cin >> n;
    vl dims(n + 1);
    for (auto &d : dims) cin >> d;
    vector<vl> dp(n, vl(n, 0));
    vector<vector<int>> split(n, vector<int>(n, -1));
    for (int len = 2; len <= n; ++len) {
        for (int i = 0; i + len - 1 < n; ++i) {
            int j = i + len - 1;
            dp[i][j] = LLONG_MAX;
            for (int k = i; k < j; ++k) {
                ll c = dp[i][k] + dp[k + 1][j] + dims[i] * dims[k + 1] * dims[j + 1];
                if (c < dp[i][j]) {
                    dp[i][j] = c;
                    split[i][j] = k;
                }
            }
        }
    }
    function<string(int, int)> show = [&](int i, int j) -> string {
        if (i == j) return "A" + to_string(i + 1);
        int k = split[i][j];
        return "(" + show(i, k) + " " + show(k + 1, j) + ")";
    };
    cout << dp[0][n - 1] << "\n" << show(0, n - 1) << "\n";
}
