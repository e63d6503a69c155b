#include <bits/stdc++.h>
using namespace std;

// Skyline of buildings: key points where the maximum height changes
int main() {
    int n;
    cin >> n;
    vector<pair<int, int>> events;  // (x, -h) for start, (x, h) for end
    for (int i = 0; i < n; ++i) {
        int l, r, h;
        cin >> l >> r >> h;
        events.emplace_back(l, -h);
        events.emplace_back(r, h);
    }
    sort(events.begin(), events.end());
    multiset<int> heights = {0};
    int prev = 0;
    vector<pair<int, int>> keyPoints;
    for (auto &[x, h] : events) {
        if (h < 0) heights.insert(-h);
        else heights.erase(heights.find(h));
        int cur = *heights.rbegin();
        if (cur != prev) {
            keyPoints.emplace_back(x, cur);
            prev = cur;
        }
    }
    for (auto &[x, h] : keyPoints) cout << x << ' ' << h << '\n';
}
