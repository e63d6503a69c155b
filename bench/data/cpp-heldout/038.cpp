#include <bits/stdc++.h>
using namespace std;

// Simulate a bank queue with several tellers; report average waiting time
struct Customer {
    int arrive, service, id;
};

int main() {
    int n, tellers;
    cin >> n >> tellers;
    vector<Customer> cs(n);
    for (int i = 0; i < n; i++) {
        cin >> cs[i].arrive >> cs[i].service;
        cs[i].id = i;
    }
    sort(cs.begin(), cs.end(), [](const Customer &x, const Customer &y) {
        if (x.arrive != y.arrive) return y.arrive > x.arrive;
        return y.id > x.id;
    });
    priority_queue<long long, vector<long long>, greater<>> freeAt;
    for (int i = 0; i < tellers; i++) freeAt.push(0);
    long long totalWait = 0, lastDone = 0;
    for (const auto &c : cs) {
        long long t = freeAt.top();
        freeAt.pop();
        long long startAt = max<long long>(t, c.arrive);
        totalWait += startAt - c.arrive;
        long long done = startAt + c.service;
        lastDone = max(lastDone, done);
        freeAt.push(done);
    }
    cout << fixed << setprecision(3) << (n ? (double)totalWait / n : 0.0) << " " << lastDone << "\n";
    return 0;
}
