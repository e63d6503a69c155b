#include <bits/stdc++.h>
using namespace std;

// Binary indexed tree over coordinates: count points dominated by each point
int main() {
    int n;
    cin >> n;
    vector<pair<int, int>> pts(n);
    vector<int> ys;
    for (auto &[x, y] : pts) {
        cin >> x >> y;
        ys.push_back(y);
    }
    sort(ys.begin(), ys.end());
    ys.erase(unique(ys.begin(), ys.end()), ys.end());
    vector<int> order(n);
    iota(order.begin(), order.end(), 0);
    sort(order.begin(), order.end(), [&](int i, int j) { return pts[i] < pts[j]; });
    vector<int> bit(ys.size() + 1, 0), dominated(n);
    auto add = [&](int i) {
        for (++i; i < (int)bit.size(); i += i & -i) bit[i]++;
    };
    auto query = [&](int i) {
        int s = 0;
        for (++i; i > 0; i -= i & -i) s += bit[i];
        return s;
    };
    for (int id : order) {
        int yi = lower_bound(ys.begin(), ys.end(), pts[id].second) - ys.begin();
        dominated[id] = query(yi);
        add(yi);
    }
    for (int d : dominated) cout << d << '\n';
}
