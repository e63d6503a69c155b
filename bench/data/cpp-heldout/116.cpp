#include <bits/stdc++.h>
using namespace std;

// Segmented sieve: primes in [L, R] for large R
int main() {
    long long L, R;
    cin >> L >> R;
    long long lim = sqrtl(R) + 1;
    vector<bool> small(lim + 1, true);
    vector<long long> primes;
    for (long long i = 2; i <= lim; ++i) {
        if (!small[i]) continue;
        primes.push_back(i);
        for (long long j = i * i; j <= lim; j += i) small[j] = false;
    }
    vector<bool> isPrime(R - L + 1, true);
    for (long long p : primes) {
        long long start = max(p * p, (L + p - 1) / p * p);
        for (long long j = start; j <= R; j += p) isPrime[j - L] = false;
    }
    if (L == 1) isPrime[0] = false;
    int count = 0;
    for (long long x = L; x <= R; ++x)
        if (isPrime[x - L]) {
            ++count;
            if (count <= 20) cout << x << ' ';
        }
    cout << "\ncount " << count << '\n';
}
