#include <stdio.h>

#define MAXW 1000
static int dp[MAXW + 1];

int main(void) {
    int n, W;
    if (scanf("%d %d", &n, &W) != 2) return 1;
    for (int i = 0; i < n; i++)
        int w, v;
        scanf("%d %d", &w, &v);
        for (int c = W; c >= w; c--)
            if (dp[c - w] + v > dp[c]) dp[c] = dp[c - w] + v;
    }
    printf("%d\n", dp[W]);
    return 0;
}
