#include <bits/stdc++.h>
using namespace std;

// Cycle detection in a directed graph with colors; print one cycle
int n, m;
vector<vector<int>> g;
vector<int> color, par;
int cycStart = -1, cycEnd = -1;

bool dfs(int v) {
    color[v] = 1;
    for (int u : g[v]) {
        if (color[u] == 0) {
            par[u] = v;
            if (dfs(u)) return true;
        } else if (color[u] == 1) {
            cycEnd = v;
            cycStart = u;
            return true;
        }
    }
    color[v] = 2;
    return false;
}

int main() {
    cin >> n >> m;
    g.assign(n, {});
    for (int i = 0; i < m; i++) {
        int a, b;
        cin >> a >> b;
        g[a - 1].push_back(b - 1);
    }
    color.assign(n, 0);
    par.assign(n, -1);
    for (int v = 0; v < n; v++)
        if (color[v] == 0 && dfs(v)) break;
    if (cycStart == -1) {
        cout << "acyclic\n";
        return 0;
    }
    vector<int> cycle{cycStart};
    for (int v = cycEnd; v != cycStart; v = par[v]) cycle.push_back(v);
    cycle.push_back(cycStart);
    reverse(cycle.begin(), cycle.end());
    for (int v : cycle) cout << v + 1 << ' ';
    cout << '\n';
}
