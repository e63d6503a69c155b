#include <bits/stdc++.h>
using namespace std;

// Check whether a graph is bipartite and print one side
int main() {
    int n, m;
    cin >> n >> m;
    vector<vector<int>> adj(n);
    while (m--) {
        int a, b;
        cin >> a >> b;
        --a, --b;
        adj[a].push_back(b);
        adj[b].push_back(a);
    }
    vector<int> color(n, -1);
    bool ok = true;
    for (int s = 0; s < n && ok; s++) {
        if (color[s] != -1) continue;
        color[s] = 0;
        vector<int> stack{s};
        while (!stack.empty() && ok) {
            int u = stack.back();
            stack.pop_back();
            for (int v : adj[u]) {
                if (color[v] == -1) {
                    color[v] = color[u] ^ 1;
                    stack.push_back(v);
                } else if (color[v] == color[u]) {
                    ok = false;
                    break;
                }
            }
        }
    }
    if (!ok) {
        puts("IMPOSSIBLE");
        return 0;
    }
    for (int i = 0; i < n; i++) printf("%d ", color[i] + 1);
    puts("");
}
