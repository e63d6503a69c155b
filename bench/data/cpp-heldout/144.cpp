#include <bits/stdc++.h>
using namespace std;

// Count distinct islands shapes on a grid (normalize by BFS order)
int main() {
    int R, C;
    cin >> R >> C;
    vector<string> g(R);
    for (auto &row : g) cin >> row;
    vector<vector<bool>> seen(R, vector<bool>(C, false));
    set<vector<pair<int, int>>> shapes;
    for (int r = 0; r < R; ++r)
        for (int c = 0; c < C; ++c) {
            if (g[r][c] != '#' || seen[r][c]) continue;
            vector<pair<int, int>> cells;
            queue<pair<int, int>> q;
            q.push({r, c});
            seen[r][c] = true;
            while (!q.empty()) {
                auto [y, x] = q.front();
                q.pop();
                cells.push_back({y - r, x - c});
                const int dy[] = {1, -1, 0, 0}, dx[] = {0, 0, 1, -1};
                for (int k = 0; k < 4; ++k) {
                    int ny = y + dy[k], nx = x + dx[k];
                    if (ny >= 0 && ny < R && nx >= 0 && nx < C && g[ny][nx] == '#' && !seen[ny][nx]) {
                        seen[ny][nx] = true;
                        q.push({ny, nx});
                    }
                }
            }
            sort(cells.begin(), cells.end());
            shapes.insert(cells);
        }
    cout << shapes.size() << '\n';
}
