#include <bits/stdc++.h>
using namespace std;

// Integer partitions: number of ways to write n as a sum (order does not matter)
int main() {
    int n;
    cin >> n;
    vector<unsigned long long> p(n + 1, 0);
    p[0] = 1;
    for (int part = 1; part <= n; ++part)
        for (int s = part; s <= n; ++s) p[s] += p[s - part];
    cout << p[n] << endl;
    // partitions into distinct parts
    vector<unsigned long long> q(n + 1, 0);
    q[0] = 1;
    for (int part = 1; part <= n; ++part)
        for (int s = n; s >= part; --s) q[s] += q[s - part];
    cout << q[n] << endl;
}
