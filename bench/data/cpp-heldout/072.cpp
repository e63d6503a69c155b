#include <bits/stdc++.h>
using namespace std;

// Tree diameter with two BFS passes
pair<int, int> farthest(const vector<vector<int>> &g, int src) {
    vector<int> d(g.size(), -1);
    queue<int> q;
    q.push(src);
    d[src] = 0;
    int last = src;
    while (!q.empty()) {
        int u = q.front();
        q.pop();
        last = u;
        for (int v : g[u]) {
            if (d[v] < 0) {
                d[v] = d[u] + 1;
                q.push(v);
            }
        }
    }
    return {last, d[last]};
}

int main() {
    int n;
    cin >> n;
    vector<vector<int>> g(n + 1);
    for (int i = 1; i < n; ++i) {
        int a, b;
        cin >> a >> b;
        g[a].push_back(b);
        g[b].push_back(a);
    }
    auto [a, unused] = farthest(g, 1);
    (void)unused;
    auto [b, diameter] = farthest(g, a);
    cout << diameter << " (" << a << " to " << b << ")\n";
    return 0;
}
