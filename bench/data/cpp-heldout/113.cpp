#include <bits/stdc++.h>
using namespace std;

// Count set bits, parity and bit tricks on a list of numbers
constexpr int popcount_manual(unsigned long long x) {
    int c = 0;
    while (x) {
        x &= x - 1;
        ++c;
    }
    return c;
}

static_assert(popcount_manual(0xFFULL) == 8, "popcount is wrong");

int main() {
    int n;
    cin >> n;
    for (int i = 0; i < n; ++i) {
        unsigned long long x;
        cin >> x;
        int bits = popcount_manual(x);
        bool power2 = x && !(x & (x - 1));
        int highest = x ? 63 - __builtin_clzll(x) : -1;
        int lowest = x ? __builtin_ctzll(x) : -1;
        cout << x << ": " << bits << " bits, parity " << (bits & 1) << (power2 ? ", power of two" : "")
             << ", high " << highest << ", low " << lowest << '\n';
    }
}
