#include <bits/stdc++.h>
using namespace std;

// Shortest path with 0-1 BFS on a graph where edges cost 0 or 1
int main() {
    int n, m;
    cin >> n >> m;
    vector<vector<pair<int, int>>> g(n + 1);
    for (int i = 0; i < m; i++) {
        int a, b;
        cin >> a >> b;
        g[a].push_back({b, 0});
        g[b].push_back({a, 1});  // reversing an edge costs one
    }
    vector<int> d(n + 1, INT_MAX);
    deque<int> dq;
    d[1] = 0;
    dq.push_back(1);
    while (!dq.empty()) {
        int u = dq.front();
        dq.pop_front();
        for (auto &e : g[u]) {
            int v = e.first, w = e.second;
            if (d[u] + w < d[v]) {
                d[v] = d[u] + w;
                if (w == 0) dq.push_front(v);
                else dq.push_back(v);
            }
        }
    }
    cout << (d[n] == INT_MAX ? -1 : d[n]) << "\n";
}
