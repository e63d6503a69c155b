#include <bits/stdc++.h>
using namespace std;

// Bridges and articulation points in an undirected graph
int n, m, timer_;
vector<vector<pair<int, int>>> adj;
vector<int> tin, low;
vector<bool> isCut;
vector<pair<int, int>> bridges;

void dfs(int u, int parentEdge) {
    tin[u] = low[u] = ++timer_;
    int children = 0;
    for (auto [v, id] : adj[u]) {
        if (id == parentEdge) continue;
        if (tin[v]) {
            low[u] = min(low[u], tin[v]);
        } else {
            dfs(v, id);
            low[u] = min(low[u], low[v]);
            if (low[v] > tin[u]) bridges.emplace_back(min(u, v), max(u, v));
            if (low[v] >= tin[u] && parentEdge != -1) isCut[u] = true;
            ++children;
        }
    }
    if (parentEdge == -1 && children > 1) isCut[u] = true;
}

int main() {
    cin >> n >> m;
    adj.assign(n + 1, {});
    tin.assign(n + 1, 0);
    low.assign(n + 1, 0);
    isCut.assign(n + 1, false);
    for (int i = 0; i < m; i++) {
        int a, b;
        cin >> a >> b;
        adj[a].push_back({b, i});
        adj[b].push_back({a, i});
    }
    for (int i = 1; i <= n; i++)
        if (!tin[i]) dfs(i, -1);
    sort(bridges.begin(), bridges.end());
    cout << bridges.size() << " bridges, " << count(isCut.begin(), isCut.end(), true) << " cut vertices\n";
    for (auto &[a, b] : bridges) cout << a << ' ' << b << '\n';
}
