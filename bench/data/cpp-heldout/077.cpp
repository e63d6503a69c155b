#include <bits/stdc++.h>
using namespace std;

// Flood fill: count islands and the largest island size
int R, C;
vector<string> g;

int fill(int r, int c) {
    if (r < 0 || c < 0 || r >= R || c >= C || g[r][c] != '1') return 0;
    g[r][c] = '0';
    return 1 + fill(r + 1, c) + fill(r - 1, c) + fill(r, c + 1) + fill(r, c - 1);
}

int main() {
    cin >> R >> C;
    g.resize(R);
    for (auto &row : g) cin >> row;
    int islands = 0, largest = 0;
    for (int r = 0; r < R; ++r)
        for (int c = 0; c < C; ++c)
            if (g[r][c] == '1') {
                ++islands;
                largest = max(largest, fill(r, c));
            }
    cout << islands << ' ' << largest << endl;
}
