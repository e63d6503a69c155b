#include <bits/stdc++.h>
using namespace std;

const int LOG = 18;
int n, q;
vector<vector<int>> children;
vector<array<int, LOG>> up;
vector<int> dep;

void build() {
    vector<int> st = {0};
    while (!st.empty()) {
        int u = st.back();
        st.pop_back();
        for (int v : children[u]) {
            dep[v] = dep[u] + 1;
            up[v][0] = u;
            for (int j = 1; j < LOG; j++) up[v][j] = up[up[v][j - 1]][j - 1];
            st.push_back(v);
        }
    }
}

int lca(int a, int b) {
    if (dep[a] < dep[b]) swap(a, b);
    int diff = dep[a] - dep[b];
    for (int j = 0; j < LOG; j++)
        if (diff >> j & 1) a = up[a][j];
    if (a == b) return a;
    for (int j = LOG - 1; j >= 0; j--)
        if (up[a][j] != up[b][j]) {
            a = up[a][j];
            b = up[b][j];
        }
    return up[a][0];
}

int main() {
    cin >> n >> q;
    children.assign(n, {});
    up.assign(n, {});
    dep.assign(n, 0);
    for (int i = 1; i < n; i++) {
        int p;
        cin >> p;
        children[p].push_back(i);
    }
    build();
    while (q--) {
        int a, b;
        cin >> a >> b;
        cout << lca(a, b) << '\n';
    }
}
