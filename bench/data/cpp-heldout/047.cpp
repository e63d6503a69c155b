#include <bits/stdc++.h>
using namespace std;

// Interval scheduling: maximum number of non-overlapping meetings
int main() {
    int n;
    cin >> n;
    vector<pair<int, int>> meetings(n);
    for (auto &[s, e] : meetings) cin >> s >> e;
    sort(meetings.begin(), meetings.end(), [](const pair<int, int> &x, const pair<int, int> &y) { return y.second > x.second; });
    int count = 0, lastEnd = INT_MIN;
    vector<int> chosen;
    for (int i = 0; i < n; i++) {
        if (meetings[i].first >= lastEnd) {
            ++count;
            lastEnd = meetings[i].second;
            chosen.push_back(i);
        }
    }
    cout << count << "\n";
    for (int i : chosen) cout << meetings[i].first << "-" << meetings[i].second << "\n";
}
