#include <bits/stdc++.h>
using namespace std;

// Dijkstra on a grid where each cell has an entry cost
int main() {
    int R, C;
    cin >> R >> C;
    vector<vector<int>> cost(R, vector<int>(C));
    for (auto &row : cost)
        for (int &x : row) cin >> x;
    const int INF = INT_MAX;
    vector<vector<int>> best(R, vector<int>(C, INF));
    using State = tuple<int, int, int>;
    priority_queue<State, vector<State>, greater<State>> pq;
    best[0][0] = cost[0][0];
    pq.emplace(best[0][0], 0, 0);
    const int DR[4] = {1, -1, 0, 0}, DC[4] = {0, 0, 1, -1};
    while (!pq.empty()) {
        auto [d, r, c] = pq.top();
        pq.pop();
        if (d > best[r][c]) continue;
        for (int k = 0; k < 4; ++k) {
            int nr = r + DR[k], nc = c + DC[k];
            if (nr < 0 || nc < 0 || nr >= R || nc >= C) continue;
            int nd = d + cost[nr][nc];
            if (nd < best[nr][nc]) {
                best[nr][nc] = nd;
                pq.emplace(nd, nr, nc);
            }
        }
    }
    cout << best[R - 1][C - 1] << '\n';
}
