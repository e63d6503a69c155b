#include <bits/stdc++.h>
using namespace std;

// Hopcroft-Karp style bipartite matching (simple augmenting paths, Kuhn)
int nLeft, nRight;
vector<vector<int>> adj;
vector<int> matchR, visitedStamp;
int stamp = 0;

bool tryKuhn(int u) {
    for (int v : adj[u]) {
        if (visitedStamp[v] == stamp) continue;
        visitedStamp[v] = stamp;
        if (matchR[v] == -1 || tryKuhn(matchR[v])) {
            matchR[v] = u;
            return true;
        }
    }
    return false;
}

int main() {
    int m;
    cin >> nLeft >> nRight >> m;
    adj.assign(nLeft, {});
    for (int i = 0; i < m; ++i) {
        int a, b;
        cin >> a >> b;
        adj[a - 1].push_back(b - 1);
    }
    matchR.assign(nRight, -1);
    visitedStamp.assign(nRight, 0);
    int matching = 0;
    for (int u = 0; u < nLeft; ++u) {
        ++stamp;
        if (tryKuhn(u)) ++matching;
    }
    cout << matching << '\n';
    for (int v = 0; v < nRight; ++v)
        if (matchR[v] != -1) cout << matchR[v] + 1 << ' ' << v + 1 << '\n';
}
