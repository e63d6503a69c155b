#include <bits/stdc++.h>
using namespace std;

// Generic binary search helpers on monotone predicates
template <class Pred>
long long firstTrue(long long lo, long long hi, Pred pred) {
    // smallest x in [lo, hi] with pred(x), or hi + 1
    long long ans = hi + 1;
    while (lo <= hi) {
        long long mid = lo + (hi - lo) / 2;
        if (pred(mid)) {
            ans = mid;
            hi = mid - 1;
        } else {
            lo = mid + 1;
        }
    }
    return ans;
}

int main() {
    long long n;
    cin >> n;
    long long root = firstTrue(0, 2000000000LL, [n](long long x) { return x * x > n; }) - 1;
    cout << "isqrt = " << root << '\n';
    int machines;
    long long target;
    cin >> machines >> target;
    vector<long long> speed(machines);
    for (auto &s : speed) cin >> s;
    auto enough = [&](long long t) {
        long long made = 0;
        for (long long s : speed) {
            made += t / s;
            if (made >= target) return true;
        }
        return false;
    };
    cout << "time = " << firstTrue(0, (long long)1e18, enough) << '\n';
}
