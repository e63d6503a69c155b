#include <bits/stdc++.h>
using namespace std;

// Min-cost path in a triangle, bottom-up
int main() {
    int n;
    cin >> n;
    vector<vector<int>> tri(n);
    for (int i = 0; i < n; ++i) {
        tri[i].resize(i + 1);
        for (int &x : tri[i]) cin >> x;
    }
    vector<int> dp = tri[n - 1];
    for (int i = n - 2; i >= 0; --i)
        for (int j = 0; j <= i; ++j) dp[j] = tri[i][j] + min(dp[j], dp[j + 1]);
    cout << dp[0] << endl;
}
