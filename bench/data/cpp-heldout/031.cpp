#include <bits/stdc++.h>
using namespace std;

// Bellman-Ford with negative cycle detection
struct E { int a, b; long long c; };

int main() {
    int n, m;
    cin >> n >> m;
    vector<E> es(m);
    for (auto &e : es) cin >> e.a >> e.b >> e.c;
    vector<long long> d(n + 1, 0);
    vector<int> par(n + 1, -1);
    int x = -1;
    for (int it = 0; it < n; ++it) {
        x = -1;
        for (auto &e : es) {
            if (d[e.b] > d[e.a] + e.c) {
                d[e.b] = d[e.a] + e.c;
                par[e.b] = e.a;
                x = e.b;
            }
        }
    }
    if (x == -1) {
        cout << "NO\n";
        return 0;
    }
    for (int i = 0; i < n; ++i) x = par[x];
    vector<int> cycle;
    for (int v = x;; v = par[v]) {
        cycle.push_back(v);
        if (v == x && cycle.size() > 1) break;
    }
    reverse(cycle.begin(), cycle.end());
    cout << "YES\n";
    for (int v : cycle) cout << v << ' ';
    cout << '\n';
}
