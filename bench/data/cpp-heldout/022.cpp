#include <bits/stdc++.h>
using namespace std;

namespace geo {
constexpr double EPS = 1e-9;
struct Circle {
    double x, y, r;
};
inline double sq(double v) { return v * v; }
bool contains(const Circle &c, double px, double py) { return sq(px - c.x) + sq(py - c.y) <= sq(c.r) + EPS; }
int relation(const Circle &a, const Circle &b) {
    double d = hypot(a.x - b.x, a.y - b.y);
    if (d > a.r + b.r + EPS) return 0;   // apart
    if (d < fabs(a.r - b.r) - EPS) return 1;  // one inside the other
    return 2;  // touching or crossing
}
}  // namespace geo

int main() {
    int q;
    cin >> q;
    while (q--) {
        geo::Circle a{}, b{};
        cin >> a.x >> a.y >> a.r >> b.x >> b.y >> b.r;
        static const char *names[] = {"apart", "nested", "intersect"};
        cout << names[geo::relation(a, b)] << '\n';
    }
    return 0;
}
