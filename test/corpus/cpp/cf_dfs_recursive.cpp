#include <bits/stdc++.h>
using namespace std;

const int N = 200005;
vector<int> adj[N];
int sub[N], depth[N];

void dfs(int u, int p) {
    sub[u] = 1;
    for (int v : adj[u]) {
        if (v == p) continue;
        depth[v] = depth[u] + 1;
        dfs(v, u);
        sub[u] += sub[v];
    }
}

int main() {
    int n;
    scanf("%d", &n);
    for (int i = 2; i <= n; ++i) {
        int p;
        scanf("%d", &p);
        adj[p].push_back(i);
        adj[i].push_back(p);
    }
    dfs(1, 0);
    for (int i = 1; i <= n; ++i) printf("%d%c", sub[i] - 1, " \n"[i == n]);
    return 0;
}
