#include <bits/stdc++.h>
using namespace std;

// Egg dropping: minimum number of trials with k eggs and n floors
int main() {
    int eggs, floors;
    cin >> eggs >> floors;
    // dp[t][e] = highest floor count we can resolve with t trials and e eggs
    vector<vector<long long>> dp(floors + 1, vector<long long>(eggs + 1, 0));
    int t = 0;
    while (dp[t][eggs] < floors) {
        ++t;
        for (int e = 1; e <= eggs; ++e) dp[t][e] = dp[t - 1][e - 1] + dp[t - 1][e] + 1;
    }
    cout << t << '\n';
    return 0;
}
