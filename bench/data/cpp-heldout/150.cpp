#include <bits/stdc++.h>
using namespace std;

// Minimum number of jumps to reach the end of an array (greedy BFS layers)
int main() {
    int n;
    cin >> n;
    vector<int> a(n);
    for (int &x : a) cin >> x;
    if (n <= 1) {
        cout << 0 << '\n';
        return 0;
    }
    int jumps = 0, curEnd = 0, farthest = 0;
    for (int i = 0; i < n - 1; ++i) {
        farthest = max(farthest, i + a[i]);
        if (i == curEnd) {
            if (farthest <= i) {
                cout << -1 << '\n';
                return 0;
            }
            ++jumps;
            curEnd = farthest;
            if (curEnd >= n - 1) break;
        }
    }
    cout << jumps << '\n';
}
