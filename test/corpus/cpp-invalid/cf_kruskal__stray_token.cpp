#include <bits/stdc++.h>
using namespace std;

struct Edge {
    int u, v;
    long long w;
    bool operator<(const Edge& other) const { return w < other.w; }
};

int par[100005];
int root(int x) { return par[x] == x ? x : par[x] = root(par[x]); }

int main() {
    int n, m;
    cin >> n >> m;
    vector<Edge> edges(m);
    for (auto& e : edges) cin >> e.u >> e.v >> e.w;
    sort(edges.begin(), edges.end());
    for (int i = 1; i <= n; i++) par[i] = i;
    long long total = 0;
    int used = 0;
    for (const Edge& e : edges) {
        int a = root(e.u), b = root(e.v);
        if (a != b) {
            par[a] = b;
            total += e.w );
            used++;
        }
    }
    if (used == n - 1) cout << total << '\n';
    else cout << "IMPOSSIBLE" << '\n';
}
