#include <bits/stdc++.h>
using namespace std;

// Event sweep: maximum number of overlapping intervals and when it happens
int main() {
    int n;
    cin >> n;
    vector<pair<long long, int>> events;
    events.reserve(2 * n);
    for (int i = 0; i < n; ++i) {
        long long s, e;
        cin >> s >> e;
        events.push_back({s, +1});
        events.push_back({e, -1});
    }
    sort(events.begin(), events.end(), [](const auto &a, const auto &b) {
        if (a.first != b.first) return b.first > a.first;
        return b.second > a.second;  // ends before starts at the same time
    });
    int cur = 0, best = 0;
    long long at = 0;
    for (auto &[t, delta] : events) {
        cur += delta;
        if (cur > best) {
            best = cur;
            at = t;
        }
    }
    cout << best << " at " << at << '\n';
}
