#include <bits/stdc++.h>
using namespace std;
using ll = long long;
constexpr ll MOD = 1'000'000'007LL;

ll power(ll base, ll exp, ll mod = MOD) {
    ll result = 1;
    base %= mod;
    while (exp > 0)
        if (exp & 1) result = result * base % mod;
        base = base * base % mod;
        exp >>= 1;
    }
    return result;
}

ll inverse(ll a) { return power(a, MOD - 2); }

int main() {
    ll n, k;
    cin >> n >> k;
    vector<ll> fact(n + 1, 1);
    for (int i = 1; i <= n; ++i) fact[i] = fact[i - 1] * i % MOD;
    ll binom = fact[n] * inverse(fact[k]) % MOD * inverse(fact[n - k]) % MOD;
    cout << binom << '\n';
}
