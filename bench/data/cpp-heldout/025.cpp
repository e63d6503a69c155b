#include <bits/stdc++.h>
using namespace std;

// Simulation: robots on a ring moving each second; count collisions
enum class Dir { Left, Right };

struct Robot {
    int pos;
    Dir dir;
    bool alive = true;
};

int main() {
    int n, L, T;
    cin >> n >> L >> T;
    vector<Robot> robots(n);
    for (auto &r : robots) {
        char c;
        cin >> r.pos >> c;
        r.dir = (c == 'L') ? Dir::Left : Dir::Right;
    }
    int collisions = 0;
    for (int step = 0; step < T; ++step) {
        for (auto &r : robots) {
            if (!r.alive) continue;
            r.pos = (r.pos + (r.dir == Dir::Right ? 1 : L - 1)) % L;
        }
        map<int, vector<int>> at;
        for (int i = 0; i < n; ++i)
            if (robots[i].alive) at[robots[i].pos].push_back(i);
        for (auto &[p, ids] : at) {
            if (ids.size() > 1) {
                ++collisions;
                for (int id : ids) robots[id].alive = false;
            }
        }
    }
    int alive = count_if(robots.begin(), robots.end(), [](const Robot &r) { return r.alive; });
    cout << collisions << ' ' << alive << endl;
}
