#include <bits/stdc++.h>
using namespace std;
typedef unsigned long long u64;

// Xorshift random generator and a Monte Carlo estimate of pi
struct XorShift {
    u64 state;
    explicit XorShift(u64 seed) : state(seed ? seed : 88172645463325252ULL) {}
    u64 next() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state;
    }
    double uniform() { return (next() >> 11) * (1.0 / 9007199254740992.0); }
};

int main() {
    long long samples;
    u64 seed;
    cin >> samples >> seed;
    XorShift rng(seed);
    long long inside = 0;
    for (long long i = 0; i < samples; ++i) {
        double x = rng.uniform(), y = rng.uniform();
        if (x * x + y * y <= 1.0) ++inside;
    }
    double estimate = 4.0 * inside / samples;
    printf("%.6f (error %.6f)\n", estimate, fabs(estimate - M_PI));
}
