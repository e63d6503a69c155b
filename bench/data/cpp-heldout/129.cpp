#include <bits/stdc++.h>
using namespace std;

// Counting triangles in an undirected graph via degree ordering
int main() {
    int n, m;
    cin >> n >> m;
    vector<pair<int, int>> edges(m);
    vector<int> deg(n, 0);
    for (auto &[a, b] : edges) {
        cin >> a >> b;
        --a, --b;
        ++deg[a], ++deg[b];
    }
    auto before = [&](int a, int b) { return deg[a] != deg[b] ? deg[a] < deg[b] : a < b; };
    vector<vector<int>> fwd(n);
    for (auto [a, b] : edges) {
        if (before(a, b)) fwd[a].push_back(b);
        else fwd[b].push_back(a);
    }
    vector<int> mark(n, -1);
    long long triangles = 0;
    for (int u = 0; u < n; ++u) {
        for (int v : fwd[u]) mark[v] = u;
        for (int v : fwd[u])
            for (int w : fwd[v])
                if (mark[w] == u) ++triangles;
    }
    cout << triangles << '\n';
}
