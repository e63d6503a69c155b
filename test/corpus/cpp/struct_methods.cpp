#include <cmath>
#include <cstdio>

struct Point {
    double x, y;
    Point() : x(0), y(0) {}
    Point(double x_, double y_) : x(x_), y(y_) {}
    Point operator+(Point o) const { return {x + o.x, y + o.y}; }
    Point operator-(Point o) const { return {x - o.x, y - o.y}; }
    Point operator*(double k) const { return {x * k, y * k}; }
    double cross(Point o) const { return x * o.y - y * o.x; }
    double norm() const { return std::sqrt(x * x + y * y); }
};

double polygonArea(const Point* pts, int n) {
    double a = 0;
    for (int i = 0; i < n; ++i) a += pts[i].cross(pts[(i + 1) % n]);
    return std::fabs(a) / 2.0;
}

int main() {
    Point sq[4] = {Point(0, 0), Point(2, 0), Point(2, 2), Point(0, 2)};
    Point m = (sq[0] + sq[2]) * 0.5;
    std::printf("%.2f %.2f %.2f\n", polygonArea(sq, 4), m.x, (sq[2] - sq[0]).norm());
    return 0;
}
