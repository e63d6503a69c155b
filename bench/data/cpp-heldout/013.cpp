#include <bits/stdc++.h>
using namespace std;

vector<int> adj[200005];
int depth[200005], up[200005][18];

void dfs(int u, int p) {
    up[u][0] = p;
    for (int k = 1; k < 18; k++) up[u][k] = up[up[u][k - 1]][k - 1];
    for (int v : adj[u]) {
        if (v == p) continue;
        depth[v] = depth[u] + 1;
        dfs(v, u);
    }
}

int lca(int a, int b) {
    if (depth[a] < depth[b]) swap(a, b);
    int diff = depth[a] - depth[b];
    for (int k = 0; k < 18; k++)
        if (diff >> k & 1) a = up[a][k];
    if (a == b) return a;
    for (int k = 17; k >= 0; k--) {
        if (up[a][k] != up[b][k]) {
            a = up[a][k];
            b = up[b][k];
        }
    }
    return up[a][0];
}

int main() {
    int n, q;
    scanf("%d%d", &n, &q);
    for (int i = 0; i < n - 1; i++) {
        int u, v;
        scanf("%d%d", &u, &v);
        adj[u].push_back(v);
        adj[v].push_back(u);
    }
    dfs(1, 1);
    while (q--) {
        int a, b;
        scanf("%d%d", &a, &b);
        int c = lca(a, b);
        printf("%d\n", depth[a] + depth[b] - 2 * depth[c]);
    }
    return 0;
}
