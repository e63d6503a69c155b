#include <bits/stdc++.h>
using namespace std;

// Count paths in a DAG from 1 to n modulo 1e9+7 (memoized DFS)
const int MOD = 1000000007;
vector<int> g[100005];
int memo[100005];
bool done_[100005];
int n;

int paths(int u) {
    if (u == n) return 1;
    if (done_[u]) return memo[u];
    long long total = 0;
    for (int v : g[u]) total += paths(v);
    done_[u] = true;
    return memo[u] = total % MOD;
}

int main() {
    int m;
    cin >> n >> m;
    for (int i = 0; i < m; ++i) {
        int a, b;
        cin >> a >> b;
        g[a].push_back(b);
    }
    cout << paths(1) << endl;
    return 0;
}
