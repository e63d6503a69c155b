#include <stdio.h>
#include <string.h>

static long long memo[91];

long long fib(int n) {
    if (n < 2) return n;
    if (memo[n]) return memo[n];
    return memo[n] = fib(n - 1) + fib(n - 2);
}

int main(void) {
    memset(memo, 0, sizeof(memo));
    for (int i = 0; i <= 90; i += 10) printf("fib(%d) = %lld\n", i, fib(i));
    return 0;
}
