#include <cstdio>

int clamp(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }

int main() {
    int a = 3, b = 4, c;
    c = (a++, b++, a + b);
    int i, j;
    for (i = 0, j = 10; i < j; i += 2, j -= 1) {}
    int sign = a > b ? 1 : a < b ? -1 : 0;
    printf("%d %d %d %d %d\n", clamp(15, 0, 10), c, i, j, sign);
    return 0;
}
