#include <bits/stdc++.h>
using namespace std;

// Gray code sequence and conversion back to binary
int main() {
    int n;
    cin >> n;
    for (unsigned i = 0; i < (1u << n); ++i) {
        unsigned g = i ^ (i >> 1);
        unsigned back = 0;
        for (unsigned x = g; x; x >>= 1) back ^= x;
        string bits;
        for (int b = n - 1; b >= 0; --b) bits += (g >> b & 1) ? '1' : '0';
        cout << bits << " " << back << (back == i ? "" : " !") << '\n';
    }
    return 0;
}
