#include <bits/stdc++.h>
using namespace std;

// 0/1 knapsack with a rolling array
int main() {
    int n, W;
    cin >> n >> W;
    vector<int> w(n), v(n);
    for (int i = 0; i < n; i++) cin >> w[i] >> v[i];
    vector<long long> dp(W + 1, 0);
    for (int i = 0; i < n; i++) {
        for (int c = W; c >= w[i]; c--) {
            dp[c] = max(dp[c], dp[c - w[i]] + v[i]);
        }
    }
    cout << *max_element(dp.begin(), dp.end()) << endl;
    return 0;
}
