#include <bits/stdc++.h>
using namespace std;

// Kosaraju SCC and the condensation DAG size
int n, m;
vector<vector<int>> g, rg;
vector<int> order_, comp;
vector<bool> seen;

void dfs1(int v) {
    seen[v] = true;
    for (int u : g[v])
        if (!seen[u]) dfs1(u);
    order_.push_back(v);
}

void dfs2(int v, int c) {
    comp[v] = c;
    for (int u : rg[v])
        if (comp[u] == -1) dfs2(u, c);
}

int main() {
    cin >> n >> m;
    g.assign(n, {});
    rg.assign(n, {});
    for (int i = 0; i < m; ++i) {
        int a, b;
        cin >> a >> b;
        g[a].push_back(b);
        rg[b].push_back(a);
    }
    seen.assign(n, false);
    for (int v = 0; v < n; ++v)
        if (!seen[v]) dfs1(v);
    comp.assign(n, -1);
    int c = 0;
    for (int i = n - 1; i >= 0; --i) {
        int v = order_[i];
        if (comp[v] == -1) dfs2(v, c++);
    }
    set<pair<int, int>> dagEdges;
    for (int v = 0; v < n; ++v)
        for (int u : g[v])
            if (comp[v] != comp[u]) dagEdges.insert({comp[v], comp[u]});
    cout << c << " components, " << dagEdges.size() << " edges between them\n";
}
