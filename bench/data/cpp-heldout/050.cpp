#include <bits/stdc++.h>
using namespace std;

// Policy: simulate an elevator serving requests in SCAN order
int main() {
    int floors, start, q;
    cin >> floors >> start >> q;
    set<int> requests;
    for (int i = 0; i < q; ++i) {
        int f;
        cin >> f;
        if (f >= 1 && f <= floors) requests.insert(f);
    }
    int pos = start;
    bool up = true;
    long long travelled = 0;
    vector<int> order;
    while (!requests.empty()) {
        auto it = up ? requests.lower_bound(pos) : requests.upper_bound(pos);
        if (up) {
            if (it == requests.end()) {
                up = false;
                continue;
            }
        } else {
            if (it == requests.begin()) {
                up = true;
                continue;
            }
            --it;
        }
        travelled += abs(*it - pos);
        pos = *it;
        order.push_back(pos);
        requests.erase(it);
    }
    cout << travelled << '\n';
    for (size_t i = 0; i < order.size(); ++i) cout << order[i] << (i + 1 == order.size() ? "\n" : " -> ");
}
