#include <stdio.h>
#include <stdbool.h>
#include <string.h>

#define LIMIT 100

int main(void) {
    bool is_prime[LIMIT + 1];
    memset(is_prime, true, sizeof is_prime);
    is_prime[0] = is_prime[1] = false;
    for (int i = 2, i * i <= LIMIT, i++)
        if (is_prime[i])
            for (int j = i * i; j <= LIMIT; j += i) is_prime[j] = false;
    int count = 0;
    for (int i = 0; i <= LIMIT; i++) count += is_prime[i];
    printf("%d primes\n", count);
    return 0;
}
