#include <bits/stdc++.h>
using namespace std;

// Sudoku solver with backtracking and bitmasks
int board[9][9];
int rowMask[9], colMask[9], boxMask[9];

inline int box(int r, int c) { return (r / 3) * 3 + c / 3; }

bool solve(int cell) {
    if (cell == 81) return true;
    int r = cell / 9, c = cell % 9;
    if (board[r][c]) return solve(cell + 1);
    int used = rowMask[r] | colMask[c] | boxMask[box(r, c)];
    for (int d = 1; d <= 9; ++d) {
        int bit = 1 << d;
        if (used & bit) continue;
        board[r][c] = d;
        rowMask[r] |= bit, colMask[c] |= bit, boxMask[box(r, c)] |= bit;
        if (solve(cell + 1)) return true;
        rowMask[r] ^= bit, colMask[c] ^= bit, boxMask[box(r, c)] ^= bit;
        board[r][c] = 0;
    }
    return false;
}

int main() {
    for (int r = 0; r < 9; ++r) {
        string line;
        cin >> line;
        for (int c = 0; c < 9; ++c) {
            board[r][c] = line[c] == '.' ? 0 : line[c] - '0';
            if (board[r][c]) {
                int bit = 1 << board[r][c];
                rowMask[r] |= bit, colMask[c] |= bit, boxMask[box(r, c)] |= bit;
            }
        }
    }
    if (!solve(0)) {
        cout << "no solution" << endl;
        return 0;
    }
    for (auto &row : board) {
        for (int d : row) cout << d;
        cout << '\n';
    }
}
