#include <bits/stdc++.h>
using namespace std;

// Coin change: number of ways and minimum coins
int main() {
    int n, target;
    cin >> n >> target;
    vector<int> coins(n);
    for (int &c : coins) cin >> c;
    const int MOD = 1e9 + 7;
    vector<int> ways(target + 1, 0), minCoins(target + 1, INT_MAX);
    ways[0] = 1;
    minCoins[0] = 0;
    for (int c : coins) {
        for (int s = c; s <= target; ++s) {
            ways[s] = (ways[s] + ways[s - c]) % MOD;
            if (minCoins[s - c] != INT_MAX) minCoins[s] = min(minCoins[s], minCoins[s - c] + 1);
        }
    }
    cout << ways[target] << ' ' << (minCoins[target] == INT_MAX ? -1 : minCoins[target]) << '\n';
    return 0;
}
