#include <bits/stdc++.h>
using namespace std;

// Bitset DP: which subset sums are reachable
int main() {
    int n;
    cin >> n;
    const int MAXS = 100001;
    bitset<MAXS> reach;
    reach[0] = 1;
    int total = 0;
    for (int i = 0; i < n; ++i) {
        int x;
        cin >> x;
        reach |= reach << x;
        total += x;
    }
    vector<int> sums;
    for (int s = 1; s <= total && s < MAXS; ++s)
        if (reach[s]) sums.push_back(s);
    cout << sums.size() << '\n';
    for (int s : sums) cout << s << ' ';
    cout << '\n';
    return 0;
}
