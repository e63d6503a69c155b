#include <stdio.h>
#include <stddef.h>

ptrdiff_t bsearch_int(const int *a, size_t n, int key) {
    size_t lo = 0, hi = n;
    while (lo < hi)
        size_t mid = lo + (hi - lo) / 2;
        if (a[mid] == key) return (ptrdiff_t)mid;
        if (a[mid] < key) lo = mid + 1;
        else hi = mid;
    }
    return -1;
}

int main(void) {
    const int a[] = {1, 4, 9, 16, 25, 36};
    printf("%td %td\n", bsearch_int(a, 6, 16), bsearch_int(a, 6, 17));
    return 0;
}
