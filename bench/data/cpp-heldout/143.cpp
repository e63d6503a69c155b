#include <bits/stdc++.h>
using namespace std;

// Maximum product subarray
int main() {
    int n;
    cin >> n;
    vector<long long> a(n);
    for (auto &x : a) cin >> x;
    long long best = a[0], hi = a[0], lo = a[0];
    for (int i = 1; i < n; ++i) {
        if (a[i] < 0) swap(hi, lo);
        hi = max(a[i], hi * a[i]);
        lo = min(a[i], lo * a[i]);
        best = max(best, hi);
    }
    cout << best << '\n';
}
