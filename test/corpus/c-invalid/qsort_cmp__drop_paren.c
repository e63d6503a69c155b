#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char name[32];
    int score;
} Entry;

static int cmp_entry(const void *a, const void *b) {
    const Entry *x = a, *y = b;
    if (x->score != y->score return y->score - x->score;
    return strcmp(x->name, y->name);
}

int main(void) {
    Entry e[] = {{"bob", 70}, {"amy", 90}, {"cal", 70}};
    size_t n = sizeof e / sizeof e[0];
    qsort(e, n, sizeof(Entry), cmp_entry);
    for (size_t i = 0; i < n; i++) printf("%s %d\n", e[i].name, e[i].score);
    return 0;
}
