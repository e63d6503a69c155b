#include <bits/stdc++.h>
using namespace std;

struct Point {
    double x, y;
    Point operator-(const Point &o) const { return {x - o.x, y - o.y}; }
    Point operator+(const Point &o) const { return {x + o.x, y + o.y}; }
    Point operator*(double k) const { return {x * k, y * k}; }
    double dot(const Point &o) const { return x * o.x + y * o.y; }
    double cross(const Point &o) const { return x * o.y - y * o.x; }
    double norm() const { return sqrt(x * x + y * y); }
};

// Intersection of segments AB and CD, if any
optional<Point> intersect(Point a, Point b, Point c, Point d) {
    Point r = b - a, s = d - c;
    double denom = r.cross(s);
    if (fabs(denom) < 1e-12) return nullopt;
    double t = (c - a).cross(s) / denom;
    double u = (c - a).cross(r) / denom;
    if (t < -1e-9 || t > 1 + 1e-9 || u < -1e-9 || u > 1 + 1e-9) return nullopt;
    return a + r * t;
}

int main() {
    Point a, b, c, d;
    cin >> a.x >> a.y >> b.x >> b.y >> c.x >> c.y >> d.x >> d.y;
    auto p = intersect(a, b, c, d);
    if (p) {
        cout << fixed << setprecision(6) << p->x << " " << p->y << "\n";
    } else {
        cout << "none\n";
    }
    return 0;
}
