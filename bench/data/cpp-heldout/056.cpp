#pragma GCC optimize("O2")
#include <bits/stdc++.h>
using namespace std;

// N-Queens: count solutions with bitmasks
int n, solutions = 0;

void place(int row, unsigned cols, unsigned d1, unsigned d2) {
    if (row == n) {
        ++solutions;
        return;
    }
    unsigned avail = ~(cols | d1 | d2) & ((1u << n) - 1);
    while (avail) {
        unsigned bit = avail & -avail;
        avail ^= bit;
        place(row + 1, cols | bit, (d1 | bit) << 1, (d2 | bit) >> 1);
    }
}

int main() {
    cin >> n;
    place(0, 0, 0, 0);
    cout << solutions << endl;
    return 0;
}
