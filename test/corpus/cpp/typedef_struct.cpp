#include <cstdio>
#include <cstdlib>

typedef struct Pair {
    int first;
    int second;
} Pair;

typedef int (*Comparator)(const void*, const void*);
typedef unsigned long long u64;

static int byFirst(const void* a, const void* b) {
    const Pair* pa = (const Pair*)a;
    const Pair* pb = (const Pair*)b;
    return pa->first - pb->first;
}

int main() {
    Pair arr[] = {{3, 1}, {1, 2}, {2, 3}};
    Comparator cmp = byFirst;
    qsort(arr, sizeof(arr) / sizeof(arr[0]), sizeof(Pair), cmp);
    u64 total = 0;
    for (const Pair& p : arr) total += (u64)p.first * p.second;
    printf("%llu\n", total);
    return 0;
}
