#include <bits/stdc++.h>
using namespace std;

// Closest pair of points (divide and conquer)
struct P {
    long long x, y;
};

long long dist2(const P &a, const P &b) {
    long long dx = a.x - b.x, dy = a.y - b.y;
    return dx * dx + dy * dy;
}

long long solve(vector<P> &pts, int l, int r) {
    if (r - l <= 3) {
        long long best = LLONG_MAX;
        for (int i = l; i < r; i++)
            for (int j = i + 1; j < r; j++) best = min(best, dist2(pts[i], pts[j]));
        sort(pts.begin() + l, pts.begin() + r, [](const P &a, const P &b) { return b.y > a.y; });
        return best;
    }
    int mid = (l + r) / 2;
    long long midx = pts[mid].x;
    long long d = min(solve(pts, l, mid), solve(pts, mid, r));
    inplace_merge(pts.begin() + l, pts.begin() + mid, pts.begin() + r,
                  [](const P &a, const P &b) { return b.y > a.y; });
    vector<P> strip;
    for (int i = l; i < r; i++) {
        long long dx = pts[i].x - midx;
        if (dx * dx < d) {
            for (int j = (int)strip.size() - 1; j >= 0; j--) {
                long long dy = pts[i].y - strip[j].y;
                if (dy * dy >= d) break;
                d = min(d, dist2(pts[i], strip[j]));
            }
            strip.push_back(pts[i]);
        }
    }
    return d;
}

int main() {
    int n;
    cin >> n;
    vector<P> pts(n);
    for (auto &p : pts) cin >> p.x >> p.y;
    sort(pts.begin(), pts.end(), [](const P &a, const P &b) { return b.x > a.x; });
    cout << solve(pts, 0, n) << endl;
}
