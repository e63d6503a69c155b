#include <bits/stdc++.h>
using namespace std;

// Priority scheduler simulation: tasks with priority and duration, round robin within a priority
struct Task {
    string name;
    int priority;
    int remaining;
};

int main() {
    int n, quantum;
    cin >> n >> quantum;
    map<int, deque<Task>, greater<int>> levels;
    for (int i = 0; i < n; ++i) {
        Task t;
        cin >> t.name >> t.priority >> t.remaining;
        levels[t.priority].push_back(t);
    }
    long long clock = 0;
    while (!levels.empty()) {
        auto it = levels.begin();
        Task t = it->second.front();
        it->second.pop_front();
        int run = min(quantum, t.remaining);
        clock += run;
        t.remaining -= run;
        if (t.remaining > 0) it->second.push_back(t);
        else cout << t.name << " finished at " << clock << '\n';
        if (it->second.empty()) levels.erase(it);
    }
    return 0;
}
