#include <bits/stdc++.h>
using namespace std;

// Rotate an N x N matrix by 90 degrees k times and print it
using Grid = vector<vector<int>>;

Grid rotate(const Grid &g) {
    int n = g.size();
    Grid r(n, vector<int>(n));
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) r[j][n - 1 - i] = g[i][j];
    return r;
}

int main() {
    int n, k;
    cin >> n >> k;
    Grid g(n, vector<int>(n));
    for (auto &row : g)
        for (auto &x : row) cin >> x;
    k %= 4;
    while (k--) g = rotate(g);
    for (const auto &row : g) {
        for (size_t j = 0; j < row.size(); ++j) cout << row[j] << (j + 1 < row.size() ? " " : "");
        cout << '\n';
    }
    return 0;
}
