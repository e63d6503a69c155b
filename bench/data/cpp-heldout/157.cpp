#include <bits/stdc++.h>
using namespace std;

// Inclusion-exclusion: count numbers <= N divisible by at least one of the given primes
int main() {
    long long N;
    int k;
    cin >> N >> k;
    vector<long long> p(k);
    for (auto &x : p) cin >> x;
    long long count = 0;
    for (int mask = 1; mask < (1 << k); ++mask) {
        long long prod = 1;
        bool overflow = false;
        for (int i = 0; i < k; ++i) {
            if (!(mask >> i & 1)) continue;
            if (prod > N / p[i]) {
                overflow = true;
                break;
            }
            prod *= p[i];
        }
        if (overflow) continue;
        int bits = __builtin_popcount(mask);
        count += (bits % 2 ? 1 : -1) * (N / prod);
    }
    cout << count << '\n';
}
