#include <bits/stdc++.h>
using namespace std;

int n, m;
vector<string> grid;
int dr[] = {-1, 1, 0, 0};
int dc[] = {0, 0, -1, 1};

int bfs(pair<int, int> start, pair<int, int> goal) {
    vector<vector<int>> dist(n, vector<int>(m, -1));
    queue<pair<int, int>> q;
    q.push(start);
    dist[start.first][start.second] = 0;
    while (!q.empty()) {
        auto [r, c] = q.front();
        q.pop();
        if (make_pair(r, c) == goal) return dist[r][c];
        for (int k = 0; k < 4; k++) {
            int nr = r + dr[k], nc = c + dc[k];
            if (nr < 0 || nr >= n || nc < 0 || nc >= m) continue;
            if (grid[nr][nc] == '#' || dist[nr][nc] != -1) continue;
            dist[nr][nc] = dist[r][c] + 1;
            q.emplace(nr, nc);
        }
    }
    return -1;
}

int main() {
    cin >> n >> m;
    grid.resize(n);
    pair<int, int> s, t;
    for (int i = 0; i < n; i++) {
        cin >> grid[i];
        for (int j = 0; j < m; j++) {
            if (grid[i][j] == 'S') s = {i, j};
            if (grid[i][j] == 'T') t = {i, j};
        }
    }
    cout << bfs(s, t) << '\n';
}
