#include <bits/stdc++.h>
using namespace std;

// Strongly connected components (Tarjan)
struct Tarjan {
    int n, timer = 0, comps = 0;
    vector<vector<int>> g;
    vector<int> tin, low, comp, stk;
    vector<bool> onStack;
    Tarjan(int n) : n(n), g(n), tin(n, -1), low(n), comp(n, -1), onStack(n, false) {}
    void addEdge(int u, int v) { g[u].push_back(v); }
    void dfs(int u) {
        tin[u] = low[u] = timer++;
        stk.push_back(u);
        onStack[u] = true;
        for (int v : g[u]) {
            if (tin[v] == -1) {
                dfs(v);
                low[u] = min(low[u], low[v]);
            } else if (onStack[v]) {
                low[u] = min(low[u], tin[v]);
            }
        }
        if (low[u] == tin[u]) {
            while (true) {
                int v = stk.back();
                stk.pop_back();
                onStack[v] = false;
                comp[v] = comps;
                if (v == u) break;
            }
            comps++;
        }
    }
    int run() {
        for (int i = 0; i < n; i++)
            if (tin[i] == -1) dfs(i);
        return comps;
    }
};

int main() {
    int n, m;
    cin >> n >> m;
    Tarjan t(n);
    for (int i = 0; i < m; i++) {
        int a, b;
        cin >> a >> b;
        t.addEdge(a - 1, b - 1);
    }
    cout << t.run() << "\n";
    for (int i = 0; i < n; i++) cout << t.comp[i] + 1 << " \n"[i + 1 == n];
}
