#include <bits/stdc++.h>
using namespace std;

// Euler's totient for many queries, and sum of gcd(i, n) for i = 1..n
int main() {
    const int LIM = 1000000;
    vector<int> phi(LIM + 1);
    iota(phi.begin(), phi.end(), 0);
    for (int i = 2; i <= LIM; i++) {
        if (phi[i] == i) {
            for (int j = i; j <= LIM; j += i) phi[j] -= phi[j] / i;
        }
    }
    int t;
    cin >> t;
    while (t--) {
        int n;
        cin >> n;
        long long s = 0;
        for (int d = 1; 1LL * d * d <= n; d++) {
            if (n % d) continue;
            s += 1LL * d * phi[n / d];
            if (d != n / d) s += 1LL * (n / d) * phi[d];
        }
        cout << phi[n] << " " << s << "\n";
    }
}
