#include <bits/stdc++.h>
using namespace std;

// Binary search on the answer: minimum largest sum when splitting into k parts
bool feasible(const vector<long long> &a, int k, long long cap) {
    int parts = 1;
    long long cur = 0;
    for (long long x : a) {
        if (x > cap) return false;
        if (cur + x > cap) {
            parts++;
            cur = x;
        } else {
            cur += x;
        }
    }
    return parts <= k;
}

int main() {
    int n, k;
    cin >> n >> k;
    vector<long long> a(n);
    for (auto &x : a) cin >> x;
    long long lo = *max_element(a.begin(), a.end());
    long long hi = accumulate(a.begin(), a.end(), 0LL);
    while (lo < hi) {
        long long mid = lo + (hi - lo) / 2;
        if (feasible(a, k, mid)) hi = mid;
        else lo = mid + 1;
    }
    cout << lo << '\n';
}
