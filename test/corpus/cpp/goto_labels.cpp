#include <cstdio>

int findPair(int grid[3][3], int target) {
    int i, j;
    for (i = 0; i < 3; ++i)
        for (j = 0; j < 3; ++j)
            if (grid[i][j] == target) goto found;
    return -1;
found:
    return i * 3 + j;
}

int main() {
    int g[3][3] = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
    int k = 0;
again:
    k++;
    if (k < 3) goto again;
    printf("%d %d\n", findPair(g, 6), k);
    return 0;
}
