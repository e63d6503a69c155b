#include <bits/stdc++.h>
using namespace std;

// Lowest common ancestor with an Euler tour and a sparse table
int n;
vector<vector<int>> tree;
vector<int> euler, firstSeen, depthOf;

void tour(int u, int p, int d) {
    firstSeen[u] = euler.size();
    euler.push_back(u);
    depthOf[u] = d;
    for (int v : tree[u]) {
        if (v == p) continue;
        tour(v, u, d + 1);
        euler.push_back(u);
    }
}

int main() {
    int q;
    cin >> n >> q;
    tree.assign(n, {});
    for (int i = 0; i + 1 < n; ++i) {
        int a, b;
        cin >> a >> b;
        tree[a].push_back(b);
        tree[b].push_back(a);
    }
    firstSeen.assign(n, 0);
    depthOf.assign(n, 0);
    tour(0, -1, 0);
    int m = euler.size();
    int K = 1;
    while ((1 << K) <= m) ++K;
    vector<vector<int>> sp(K, vector<int>(m));
    sp[0] = euler;
    auto better = [&](int a, int b) { return depthOf[a] <= depthOf[b] ? a : b; };
    for (int k = 1; k < K; ++k)
        for (int i = 0; i + (1 << k) <= m; ++i) sp[k][i] = better(sp[k - 1][i], sp[k - 1][i + (1 << (k - 1))]);
    while (q--) {
        int a, b;
        cin >> a >> b;
        int l = firstSeen[a], r = firstSeen[b];
        if (l > r) swap(l, r);
        int k = 31 - __builtin_clz(r - l + 1);
        cout << better(sp[k][l], sp[k][r - (1 << k) + 1]) << '\n';
    }
}
