#include <iostream>

namespace geometry {
namespace detail {
inline int sq(int x) { return x * x; }
}  // namespace detail

struct Point {
    int x = 0, y = 0;
};

int dist2(const Point& a, const Point& b) {
    return detail::sq(a.x - b.x) + detail::sq(a.y - b.y);
}
}  // namespace geometry

namespace g = geometry;

int main() {
    g::Point a{1, 2}, b{4, 6};
    std::cout << ::geometry::dist2(a, b) << '\n';
    using geometry::Point;
    Point c;
    return c.x;
}
