#include <bits/stdc++.h>
using namespace std;

// Prim's MST on a dense graph given as an adjacency matrix
int main() {
    int n;
    cin >> n;
    vector<vector<int>> w(n, vector<int>(n));
    for (auto &row : w)
        for (auto &x : row) cin >> x;
    const int INF = numeric_limits<int>::max();
    vector<int> key(n, INF), from(n, -1);
    vector<char> inTree(n, 0);
    key[0] = 0;
    long long total = 0;
    for (int it = 0; it < n; ++it) {
        int u = -1;
        for (int v = 0; v < n; ++v)
            if (!inTree[v] && (u == -1 || key[v] < key[u])) u = v;
        inTree[u] = 1;
        total += key[u];
        if (from[u] != -1) cout << from[u] << " - " << u << '\n';
        for (int v = 0; v < n; ++v) {
            if (!inTree[v] && w[u][v] > 0 && w[u][v] < key[v]) {
                key[v] = w[u][v];
                from[v] = u;
            }
        }
    }
    cout << "weight " << total << '\n';
}
