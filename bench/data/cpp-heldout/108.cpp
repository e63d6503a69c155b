#include <bits/stdc++.h>
using namespace std;

// Ternary search for the minimum of a unimodal function (distance to points)
int main() {
    int n;
    cin >> n;
    vector<double> xs(n), ys(n);
    for (int i = 0; i < n; ++i) cin >> xs[i] >> ys[i];
    // minimize the maximum distance from a point (x, 0) on the x-axis to all points
    auto cost = [&](double x) {
        double worst = 0;
        for (int i = 0; i < n; ++i) worst = max(worst, hypot(xs[i] - x, ys[i]));
        return worst;
    };
    double lo = -1e7, hi = 1e7;
    for (int it = 0; it < 200; ++it) {
        double m1 = lo + (hi - lo) / 3, m2 = hi - (hi - lo) / 3;
        if (cost(m1) < cost(m2)) hi = m2;
        else lo = m1;
    }
    double x = (lo + hi) / 2;
    cout << fixed << setprecision(6) << x << ' ' << cost(x) << endl;
}
