#include <cstdio>

unsigned popcount(unsigned x) {
    unsigned c = 0;
    while (x) { x &= x - 1; ++c; }
    return c;
}

int main() {
    unsigned a = 0xF0, b = 0x3C;
    unsigned r = (a & b) | (a ^ b);
    r <<= 2;
    r >>= 1;
    r |= 1u << 10;
    r &= ~0x4u;
    r ^= 0xFF;
    int neg = -(int)r;
    bool flag = !(r % % 3) && (r > 4 || r < 2);
    printf("%u %u %d %d\n", r, popcount(r), neg >> 1, flag);
    long long mask = (1LL << 40) - 1;
    printf("%lld\n", mask);
    return 0;
}
