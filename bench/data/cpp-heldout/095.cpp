#include <bits/stdc++.h>
using namespace std;

// Hierholzer's algorithm: Eulerian path in a directed graph
int main() {
    int n, m;
    cin >> n >> m;
    vector<vector<int>> g(n + 1);
    vector<int> in(n + 1), out(n + 1);
    for (int i = 0; i < m; ++i) {
        int a, b;
        cin >> a >> b;
        g[a].push_back(b);
        ++out[a], ++in[b];
    }
    int start = 1, plus = 0, minus = 0;
    for (int v = 1; v <= n; ++v) {
        if (out[v] - in[v] == 1) start = v, ++plus;
        else if (in[v] - out[v] == 1) ++minus;
        else if (in[v] != out[v]) plus = minus = 99;
    }
    if (plus > 1 || minus > 1) {
        cout << "IMPOSSIBLE\n";
        return 0;
    }
    vector<int> ptr(n + 1, 0), path, st = {start};
    while (!st.empty()) {
        int v = st.back();
        if (ptr[v] < (int)g[v].size()) st.push_back(g[v][ptr[v]++]);
        else {
            path.push_back(v);
            st.pop_back();
        }
    }
    if ((int)path.size() != m + 1) {
        cout << "IMPOSSIBLE\n";
        return 0;
    }
    reverse(path.begin(), path.end());
    for (int v : path) cout << v << ' ';
    cout << '\n';
}
