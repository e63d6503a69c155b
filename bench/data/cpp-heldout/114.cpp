#include <bits/stdc++.h>
using namespace std;

// Weighted job scheduling: maximize profit of non-overlapping jobs
struct Job {
    int start, end;
    long long profit;
};

int main() {
    int n;
    cin >> n;
    vector<Job> jobs(n);
    for (auto &j : jobs) cin >> j.start >> j.end >> j.profit;
    sort(jobs.begin(), jobs.end(), [](const Job &a, const Job &b) { return b.end > a.end; });
    vector<int> ends(n);
    for (int i = 0; i < n; ++i) ends[i] = jobs[i].end;
    vector<long long> dp(n + 1, 0);
    for (int i = 1; i <= n; ++i) {
        const Job &j = jobs[i - 1];
        int k = upper_bound(ends.begin(), ends.begin() + (i - 1), j.start) - ends.begin();
        dp[i] = max(dp[i - 1], dp[k] + j.profit);
    }
    cout << dp[n] << endl;
}
