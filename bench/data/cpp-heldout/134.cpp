#include <bits/stdc++.h>
using namespace std;

// Convex hull trick (monotone slopes) for dp[i] = min_j (dp[j] + b[j] * a[i])
struct Line {
    long long m, c;
    long long eval(long long x) const { return m * x + c; }
};

bool bad(const Line &l1, const Line &l2, const Line &l3) {
    return (__int128)(l3.c - l1.c) * (l1.m - l2.m) <= (__int128)(l2.c - l1.c) * (l1.m - l3.m);
}

int main() {
    int n;
    cin >> n;
    vector<long long> a(n), b(n);
    for (auto &x : a) cin >> x;
    for (auto &x : b) cin >> x;
    // assumes b is decreasing and a is increasing (classic "Kalila and Dimna")
    vector<long long> dp(n, 0);
    deque<Line> hull;
    hull.push_back({b[0], 0});
    for (int i = 1; i < n; ++i) {
        while (hull.size() >= 2 && hull[1].eval(a[i]) <= hull[0].eval(a[i])) hull.pop_front();
        dp[i] = hull.front().eval(a[i]);
        Line nl{b[i], dp[i]};
        while (hull.size() >= 2 && bad(hull[hull.size() - 2], hull.back(), nl)) hull.pop_back();
        hull.push_back(nl);
    }
    cout << dp[n - 1] << '\n';
}
