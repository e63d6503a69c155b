#include <stdio.h>
#include <stdint.h>

static unsigned popcount32(uint32_t x) {
    x = x - ((x >> 1) & 0x55555555u);
    x = (x & 0x33333333u) + ((x >> 2) & 0x33333333u);
    x = (x + (x >> 4)) & 0x0F0F0F0Fu;
    return (x * 0x01010101u) >> 24;
}

static int is_pow2(uint64_t x) { return x && !(x & (x - 1)); }

static uint32_t reverse_bits(uint32_t x) {
    uint32_t r = 0;
    for (int i = 0; i < 32; ++i, x >>= 1) r = (r << 1) | (x & 1u);
    return r;
}

int main(void) {
    uint32_t v = 0xF0F0u;
    v ^= v << 3;
    v |= 1u;
    v &= ~(1u << 4);
    printf("%u %d %08x\n", popcount32(v), is_pow2(1024), (unsigned)reverse_bits(1u));
    return 0;
}
