#include <bits/stdc++.h>
using namespace std;

// Digit DP: count numbers in [1, N] whose digit sum is divisible by D
string N;
int D;
long long memo[20][100][2];
bool seen[20][100][2];

long long go(int pos, int mod, bool tight) {
    if (pos == (int)N.size()) return mod == 0;
    if (seen[pos][mod][tight]) return memo[pos][mod][tight];
    seen[pos][mod][tight] = true;
    int limit = tight ? N[pos] - '0' : 9;
    long long res = 0;
    for (int d = 0; d <= limit; ++d) res += go(pos + 1, (mod + d) % D, tight && d == limit);
    return memo[pos][mod][tight] = res;
}

int main() {
    cin >> N >> D;
    // go counts 0 as well, so subtract it
    cout << go(0, 0, true) - 1 << endl;
}
