#include <bits/stdc++.h>
using namespace std;

// Game of Life for a fixed number of generations on a torus
int main() {
    int rows, cols, gens;
    cin >> rows >> cols >> gens;
    vector<string> cur(rows);
    for (auto &row : cur) cin >> row;
    for (int g = 0; g < gens; g++) {
        vector<string> nxt = cur;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int alive = 0;
                for (int dr = -1; dr <= 1; dr++)
                    for (int dc = -1; dc <= 1; dc++) {
                        if (dr == 0 && dc == 0) continue;
                        int rr = (r + dr + rows) % rows, cc = (c + dc + cols) % cols;
                        alive += cur[rr][cc] == '*';
                    }
                bool live = cur[r][c] == '*';
                nxt[r][c] = (live && (alive == 2 || alive == 3)) || (!live && alive == 3) ? '*' : '.';
            }
        }
        cur.swap(nxt);
    }
    for (const auto &row : cur) cout << row << '\n';
}
