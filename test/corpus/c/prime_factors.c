#include <stdio.h>

int main(void) {
    unsigned long long n = 600851475143ULL, largest = 0;
    for (unsigned long long p = 2; p * p <= n; p++)
        while (n % p == 0) {
            largest = p;
            n /= p;
        }
    if (n > 1) largest = n;
    printf("%llu\n", largest);
    return 0;
}
