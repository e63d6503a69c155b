#include <bits/stdc++.h>
using namespace std;
using ll = long long;
using pii = pair<int, int>;

// Dijkstra with a state of (node, coupons used): one edge may be halved
int main() {
    int n, m;
    cin >> n >> m;
    vector<vector<pii>> g(n + 1);
    for (int i = 0; i < m; ++i) {
        int a, b, c;
        cin >> a >> b >> c;
        g[a].emplace_back(b, c);
    }
    vector<array<ll, 2>> dist(n + 1, {LLONG_MAX, LLONG_MAX});
    priority_queue<tuple<ll, int, int>, vector<tuple<ll, int, int>>, greater<>> pq;
    dist[1][0] = 0;
    pq.emplace(0, 1, 0);
    while (!pq.empty()) {
        auto [d, u, used] = pq.top();
        pq.pop();
        if (d != dist[u][used]) continue;
        for (auto [v, w] : g[u]) {
            if (d + w < dist[v][used]) {
                dist[v][used] = d + w;
                pq.emplace(dist[v][used], v, used);
            }
            if (!used && d + w / 2 < dist[v][1]) {
                dist[v][1] = d + w / 2;
                pq.emplace(dist[v][1], v, 1);
            }
        }
    }
    cout << min(dist[n][0], dist[n][1]) << '\n';
}
