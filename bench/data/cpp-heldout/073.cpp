#include <bits/stdc++.h>
using namespace std;

// Rod cutting with bottom-up DP and reconstruction
int main() {
    int n;
    cin >> n;
    vector<int> price(n + 1);
    for (int i = 1; i <= n; ++i) cin >> price[i];
    vector<int> best(n + 1, 0), first(n + 1, 0);
    for (int len = 1; len <= n; ++len) {
        for (int cut = 1; cut <= len; ++cut) {
            if (price[cut] + best[len - cut] > best[len]) {
                best[len] = price[cut] + best[len - cut];
                first[len] = cut;
            }
        }
    }
    cout << best[n] << '\n';
    for (int len = n; len > 0; len -= first[len]) cout << first[len] << ' ';
    cout << '\n';
}
