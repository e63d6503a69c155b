#include <bits/stdc++.h>
using namespace std;
typedef long long ll;
typedef pair<ll, ll> pt;

ll cross(pt o, pt a, pt b) {
    return (a.first - o.first) * (b.second - o.second) - (a.second - o.second) * (b.first - o.first);
}

// Andrew's monotone chain convex hull
vector<pt> hull(vector<pt> p) {
    sort(p.begin(), p.end());
    p.erase(unique(p.begin(), p.end()), p.end());
    int n = p.size(), k = 0;
    if (n < 3) return p;
    vector<pt> h(2 * n);
    for (int i = 0; i < n; i++) {
        while (k >= 2 && cross(h[k - 2], h[k - 1], p[i]) <= 0) k--;
        h[k++] = p[i];
    }
    for (int i = n - 2, t = k + 1; i >= 0; i--) {
        while (k >= t && cross(h[k - 2], h[k - 1], p[i]) <= 0) k--;
        h[k++] = p[i];
    }
    h.resize(k - 1);
    return h;
}

int main() {
    int n;
    cin >> n;
    vector<pt> pts(n);
    for (auto &[x, y] : pts) cin >> x >> y;
    vector<pt> h = hull(pts);
    ll area2 = 0;
    for (size_t i = 0; i < h.size(); i++) {
        size_t j = (i + 1) % h.size();
        area2 += h[i].first * h[j].second - h[j].first * h[i].second;
    }
    printf("%zu %.1f\n", h.size(), llabs(area2) / 2.0);
    return 0;
}
