#include <bits/stdc++.h>
using namespace std;

struct DSU {
    vector<int> p, r;
    DSU(int n) : p(n), r(n, 0) { iota(p.begin(), p.end(), 0); }
    int find(int x) { return p[x] == x ? x : p[x] = find(p[x]); }
    bool unite(int a, int b) {
        a = find(a), b = find(b);
        if (a == b) return false;
        if (r[a] < r[b]) swap(a, b);
        p[b] = a;
        if (r[a] == r[b]) r[a]++;
        return true;
    }
};

struct Edge {
    int u, v;
    long long w;
    bool operator<(const Edge &o) const { return w < o.w; }
};

int main() {
    int n, m;
    scanf("%d %d", &n, &m);
    vector<Edge> edges(m);
    for (auto &e : edges) scanf("%d %d %lld", &e.u, &e.v, &e.w);
    sort(edges.begin(), edges.end());
    DSU dsu(n + 1);
    long long total = 0;
    int used = 0;
    for (const Edge &e : edges) {
        if (dsu.unite(e.u, e.v)) {
            total += e.w;
            ++used;
        }
    }
    if (used != n - 1) puts("IMPOSSIBLE");
    else printf("%lld\n", total);
    return 0;
}
