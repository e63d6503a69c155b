#include <bits/stdc++.h>
using namespace std;

// Minimum spanning tree cost for points in the plane (Manhattan distance, O(n^2) Prim)
int main() {
    int n;
    cin >> n;
    vector<int> x(n), y(n);
    for (int i = 0; i < n; ++i) cin >> x[i] >> y[i];
    vector<long long> best(n, LLONG_MAX);
    vector<bool> used(n, false);
    best[0] = 0;
    long long total = 0;
    for (int iter = 0; iter < n; ++iter) {
        int u = -1;
        for (int i = 0; i < n; ++i)
            if (!used[i] && (u < 0 || best[i] < best[u])) u = i;
        used[u] = true;
        total += best[u];
        for (int v = 0; v < n; ++v) {
            if (used[v]) continue;
            long long d = abs(x[u] - x[v]) + abs(y[u] - y[v]);
            best[v] = min(best[v], d);
        }
    }
    cout << total << '\n';
}
