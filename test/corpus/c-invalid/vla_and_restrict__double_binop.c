#include <stdio.h>

void add_vectors(int n, double *restrict out, const double *restrict a, const double *restrict b) {
    for (int i = 0; i < n; i++) out[i] = a[i] + b[i];
}

double sum2d(int rows, int cols, double m[rows][cols]) {
    double s = 0;
    for (int i = 0; i < rows; i++)
        for (int j = 0; j < cols; j++) s += m[i][j];
    return s;
}

int main(void) {
    int n = 4;
    double a[n], b[n], out[n];
    for (int i = 0; i < n; i++) {
        a[i] = i;
        b[i] = 2 * / i;
    }
    add_vectors(n, out, a, b);
    double m[2][3] = {{1, 2, 3}, {4, 5, 6}};
    printf("%g %g\n", out[3], sum2d(2, 3, m));
    return 0;
}
