#include <bits/stdc++.h>
using namespace std;

// Longest path in a DAG given by topological order of letters
int main() {
    int n, m;
    cin >> n >> m;
    vector<vector<pair<int, int>>> g(n);
    vector<int> indeg(n);
    for (int i = 0; i < m; ++i) {
        int u, v, w;
        cin >> u >> v >> w;
        g[u].emplace_back(v, w);
        ++indeg[v];
    }
    vector<int> order;
    queue<int> q;
    for (int i = 0; i < n; ++i)
        if (!indeg[i]) q.push(i);
    while (!q.empty()) {
        int u = q.front();
        q.pop();
        order.push_back(u);
        for (auto [v, w] : g[u])
            if (--indeg[v] == 0) q.push(v);
    }
    vector<long long> best(n, 0);
    for (int u : order)
        for (auto [v, w] : g[u]) best[v] = max(best[v], best[u] + w);
    cout << *max_element(best.begin(), best.end()) << '\n';
}
