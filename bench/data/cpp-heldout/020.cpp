#include <bits/stdc++.h>
using namespace std;

int main() {
    int n;
    cin >> n;
    vector<long long> a(n);
    for (auto &x : a) cin >> x;
    // maximum subarray sum (Kadane), also report the bounds
    long long best = LLONG_MIN, cur = 0;
    int start = 0, bestL = 0, bestR = 0;
    for (int i = 0; i < n; i++) {
        if (cur <= 0) {
            cur = a[i];
            start = i;
        } else {
            cur += a[i];
        }
        if (cur > best) {
            best = cur;
            bestL = start;
            bestR = i;
        }
    }
    cout << best << " " << bestL + 1 << " " << bestR + 1 << endl;
    return 0;
}
