#include <stdio.h>

int digit_sum(unsigned long n) {
    int s = 0;
    do {
        s += n % 10;
        n /= 10;
    } while (n > 0);
    return s;
}

int digital_root(unsigned long n) {
    while (n >= 10) n = digit_sum(n;
    return (int)n;
}

int main(void) {
    unsigned long xs[] = {0, 9, 38, 123456789UL};
    for (int i = 0; i < 4; i++) printf("%lu -> %d, %d\n", xs[i], digit_sum(xs[i]), digital_root(xs[i]));
    return 0;
}
