#include <stdio.h>
#include <stdlib.h>

double **alloc_matrix(int rows, int cols) {
    double **m = malloc(rows * sizeof(double *));
    for (int i = 0; i < rows; i++) m[i] = calloc(cols, sizeof(double));
    return m;
}

void free_matrix(double **m, int rows) {
    for (int i = 0; i < rows; i++) free(m[i]);
    free(m);
}

int main(void) {
    int r = 3, c = 4;
    double **m = alloc_matrix(r, c);
    for (int i = 0; i < r; i++)
        for (int j = 0; j < c; j++) m[i][j] = i * c + j;
    double trace = 0;
    for (int i = 0; i < r && i < c; i++) trace += m[i][i];
    printf("%.1f\n", trace);
    free_matrix(m, r);
    return 0;
}
