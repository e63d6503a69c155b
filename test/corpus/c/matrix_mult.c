#include <stdio.h>

#define N 3

void matmul(const double a[N][N], const double b[N][N], double c[N][N]) {
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            double s = 0;
            for (int k = 0; k < N; k++) s += a[i][k] * b[k][j];
            c[i][j] = s;
        }
}

int main(void) {
    double a[N][N] = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
    double id[N][N] = {[0][0] = 1, [1][1] = 1, [2][2] = 1};
    double c[N][N];
    matmul(a, id, c);
    for (int i = 0; i < N; i++) printf("%g %g %g\n", c[i][0], c[i][1], c[i][2]);
    return 0;
}
