#include <cstdio>
#include <cstring>
#include <algorithm>

const int MAXN = 505;
char a[MAXN][MAXN];
int up_[MAXN][MAXN];

// Largest rectangle of '.' cells in a grid, via histogram stacks
int main() {
    int n, m;
    if (scanf("%d %d", &n, &m) != 2) return 0;
    for (int i = 0; i < n; i++) scanf("%s", a[i]);
    int best = 0;
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) up_[i][j] = a[i][j] == '.' ? (i ? up_[i - 1][j] : 0) + 1 : 0;
        int stk[MAXN], top = 0;
        for (int j = 0; j <= m; j++) {
            int h = j < m ? up_[i][j] : 0;
            while (top > 0 && up_[i][stk[top - 1]] >= h) {
                int height = up_[i][stk[--top]];
                int left = top > 0 ? stk[top - 1] + 1 : 0;
                best = std::max(best, height * (j - left));
            }
            stk[top++] = j;
        }
    }
    printf("%d\n", best);
    return 0;
}
