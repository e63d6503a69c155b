#include <stdio.h>
#include <stdlib.h>

typedef struct {
    int *data;
    size_t len, cap;
} IntVec;

static int vec_push(IntVec *v, int x) {
    if (v->len == v->cap) {
        size_t ncap = v->cap ? v->cap * 2 : 4;
        int *nd = realloc(v->data, ncap * sizeof *nd);
        if (!nd) return -1;
        v->data = nd;
        v->cap = ncap;
    }
    v->data[v->len++] = x;
    return 0;
}

int main(void) {
    IntVec v = {0};
    for (int i = 0; i < 20; i++)
        if (vec_push(&v, i * 3) != 0) return 1;
    long sum = 0;
    for (size_t i = 0; i < v.len; i++) sum += v.data[i];
    printf("%zu %zu %ld\n", v.len, v.cap, sum);
    free(v.data);
    return 0;
}
