#include <bits/stdc++.h>
using namespace std;

// K closest points to the origin with a max-heap of size k
int main() {
    int n, k;
    cin >> n >> k;
    priority_queue<tuple<long long, int, int>> heap;
    for (int i = 0; i < n; ++i) {
        int x, y;
        cin >> x >> y;
        long long d = 1LL * x * x + 1LL * y * y;
        heap.emplace(d, x, y);
        if ((int)heap.size() > k) heap.pop();
    }
    vector<tuple<long long, int, int>> res;
    while (!heap.empty()) {
        res.push_back(heap.top());
        heap.pop();
    }
    reverse(res.begin(), res.end());
    for (auto &[d, x, y] : res) cout << x << ' ' << y << '\n';
}
