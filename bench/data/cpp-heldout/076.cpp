#include <bits/stdc++.h>
using namespace std;
using ll = long long;

// Modular arithmetic wrapper type
template <int MOD>
struct ModInt {
    int v;
    ModInt(ll x = 0) : v(int(((x % MOD) + MOD) % MOD)) {}
    ModInt &operator+=(ModInt o) {
        v += o.v;
        if (v >= MOD) v -= MOD;
        return *this;
    }
    ModInt &operator-=(ModInt o) {
        v -= o.v;
        if (v < 0) v += MOD;
        return *this;
    }
    ModInt &operator*=(ModInt o) {
        v = int((ll)v * o.v % MOD);
        return *this;
    }
    ModInt pow(ll e) const {
        ModInt r = 1, b = *this;
        for (; e; e >>= 1, b *= b)
            if (e & 1) r *= b;
        return r;
    }
    ModInt inv() const { return pow(MOD - 2); }
    friend ModInt operator+(ModInt a, ModInt b) { return a += b; }
    friend ModInt operator-(ModInt a, ModInt b) { return a -= b; }
    friend ModInt operator*(ModInt a, ModInt b) { return a *= b; }
    friend ModInt operator/(ModInt a, ModInt b) { return a * b.inv(); }
};

using mint = ModInt<998244353>;

int main() {
    int n;
    cin >> n;
    // Catalan numbers C_0 .. C_n
    vector<mint> cat(n + 1);
    cat[0] = 1;
    for (int i = 1; i <= n; ++i) cat[i] = cat[i - 1] * mint(2 * (2 * i - 1)) / mint(i + 1);
    for (int i = 0; i <= n; ++i) cout << cat[i].v << (i == n ? '\n' : ' ');
}
