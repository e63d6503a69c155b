#include <bits/stdc++.h>
using namespace std;

// Binary lifting on a functional graph: where is each node after k steps?
int main() {
    int n, q;
    cin >> n >> q;
    const int LOG = 30;
    vector<array<int, LOG>> jump(n + 1);
    for (int i = 1; i <= n; ++i) cin >> jump[i][0];
    for (int k = 1; k < LOG; ++k)
        for (int i = 1; i <= n; ++i) jump[i][k] = jump[jump[i][k - 1]][k - 1];
    while (q--) {
        int x;
        long long steps;
        cin >> x >> steps;
        for (int k = 0; k < LOG && steps; ++k, steps >>= 1)
            if (steps & 1) x = jump[x][k];
        cout << x << '\n';
    }
}
