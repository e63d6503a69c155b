#include <stdlib.h>

static int cmp_float(const void *a, const void *b) {
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

float median(float *l, int n) {
    qsort(l, (size_t)n, sizeof *l, cmp_float);
    if (n % 2 == 1) return l[n / 2];
    return 0.5f * (l[n / 2] + l[n / 2 - 1]);
}
