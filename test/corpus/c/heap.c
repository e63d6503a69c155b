#include <stdio.h>

static void sift_down(int *a, int n, int i) {
    for (;;) {
        int l = 2 * i + 1, r = l + 1, m = i;
        if (l < n && a[l] > a[m]) m = l;
        if (r < n && a[r] > a[m]) m = r;
        if (m == i) return;
        int t = a[i];
        a[i] = a[m];
        a[m] = t;
        i = m;
    }
}

void heap_sort(int *a, int n) {
    for (int i = n / 2 - 1; i >= 0; --i) sift_down(a, n, i);
    for (int end = n - 1; end > 0; --end) {
        int t = a[0];
        a[0] = a[end];
        a[end] = t;
        sift_down(a, end, 0);
    }
}

int main(void) {
    int a[] = {9, 4, 7, 1, 8, 2, 6};
    heap_sort(a, 7);
    for (int i = 0; i < 7; i++) printf("%d ", a[i]);
    puts("");
    return 0;
}
