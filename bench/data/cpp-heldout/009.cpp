#include <bits/stdc++.h>
using namespace std;

const int MAXN = 1000001;
bool composite[MAXN];
vector<int> primes;

void sieve() {
    for (int i = 2; i < MAXN; ++i) {
        if (!composite[i]) primes.push_back(i);
        for (int p : primes) {
            if ((long long)p * i >= MAXN) break;
            composite[p * i] = true;
            if (i % p == 0) break;
        }
    }
}

int main() {
    sieve();
    int t;
    scanf("%d", &t);
    while (t--) {
        int x;
        scanf("%d", &x);
        map<int, int> f;
        for (int p : primes) {
            if (1LL * p * p > x) break;
            while (x % p == 0) {
                f[p]++;
                x /= p;
            }
        }
        if (x > 1) f[x]++;
        long long divisors = 1;
        for (auto &kv : f) divisors *= kv.second + 1;
        printf("%lld\n", divisors);
    }
}
