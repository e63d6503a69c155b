#include <bits/stdc++.h>
using namespace std;

// Max flow (Dinic)
struct Dinic {
    struct Edge {
        int to;
        long long cap;
    };
    vector<Edge> edges;
    vector<vector<int>> g;
    vector<int> level, it;
    Dinic(int n) : g(n), level(n), it(n) {}
    void add(int u, int v, long long c) {
        g[u].push_back(edges.size());
        edges.push_back({v, c});
        g[v].push_back(edges.size());
        edges.push_back({u, 0});
    }
    bool bfs(int s, int t) {
        fill(level.begin(), level.end(), -1);
        queue<int> q;
        level[s] = 0;
        q.push(s);
        while (!q.empty()) {
            int u = q.front();
            q.pop();
            for (int id : g[u])
                if (edges[id].cap > 0 && level[edges[id].to] < 0) {
                    level[edges[id].to] = level[u] + 1;
                    q.push(edges[id].to);
                }
        }
        return level[t] >= 0;
    }
    long long dfs(int u, int t, long long f) {
        if (u == t) return f;
        for (int &i = it[u]; i < (int)g[u].size(); i++) {
            int id = g[u][i];
            int v = edges[id].to;
            if (edges[id].cap > 0 && level[v] == level[u] + 1) {
                long long pushed = dfs(v, t, min(f, edges[id].cap));
                if (pushed) {
                    edges[id].cap -= pushed;
                    edges[id ^ 1].cap += pushed;
                    return pushed;
                }
            }
        }
        return 0;
    }
    long long maxflow(int s, int t) {
        long long flow = 0;
        while (bfs(s, t)) {
            fill(it.begin(), it.end(), 0);
            while (long long f = dfs(s, t, LLONG_MAX)) flow += f;
        }
        return flow;
    }
};

int main() {
    int n, m;
    cin >> n >> m;
    Dinic d(n);
    for (int i = 0; i < m; i++) {
        int u, v;
        long long c;
        cin >> u >> v >> c;
        d.add(u - 1, v - 1, c);
    }
    cout << d.maxflow(0, n - 1) << endl;
}
