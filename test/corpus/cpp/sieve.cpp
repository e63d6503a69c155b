#include <bits/stdc++.h>
using namespace std;

const int MAXN = 1000001;
bool composite[MAXN];
vector<int> primes;

void sieve(int n) {
    for (int i = 2; i <= n; i++) {
        if (!composite[i]) primes.push_back(i);
        for (int p : primes) {
            if ((long long)p * i > n) break;
            composite[p * i] = true;
            if (i % p == 0) break;
        }
    }
}

int main() {
    sieve(100);
    for (size_t i = 0; i < primes.size(); ++i)
        printf("%d%c", primes[i], i + 1 == primes.size() ? '\n' : ' ');
}
