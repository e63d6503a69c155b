#include <bits/stdc++.h>
using namespace std;

// Floyd-Warshall with path reconstruction
const long long INF = LLONG_MAX / 4;

int main() {
    int n, m, q;
    cin >> n >> m >> q;
    vector<vector<long long>> d(n, vector<long long>(n, INF));
    vector<vector<int>> nxt(n, vector<int>(n, -1));
    for (int i = 0; i < n; i++) d[i][i] = 0, nxt[i][i] = i;
    for (int i = 0; i < m; i++) {
        int a, b;
        long long w;
        cin >> a >> b >> w;
        --a, --b;
        if (w < d[a][b]) {
            d[a][b] = d[b][a] = w;
            nxt[a][b] = b;
            nxt[b][a] = a;
        }
    }
    for (int k = 0; k < n; k++)
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (d[i][k] + d[k][j] < d[i][j]) {
                    d[i][j] = d[i][k] + d[k][j];
                    nxt[i][j] = nxt[i][k];
                }
    while (q--) {
        int a, b;
        cin >> a >> b;
        --a, --b;
        if (d[a][b] >= INF) {
            cout << -1 << '\n';
            continue;
        }
        cout << d[a][b] << ":";
        for (int v = a; v != b; v = nxt[v][b]) cout << ' ' << v + 1;
        cout << ' ' << b + 1 << '\n';
    }
}
