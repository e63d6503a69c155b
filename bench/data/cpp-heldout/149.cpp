#include <bits/stdc++.h>
using namespace std;

// Shape hierarchy with virtual dispatch, sorted by area
class Shape {
public:
    virtual ~Shape() = default;
    virtual double area() const = 0;
    virtual double perimeter() const = 0;
    virtual string kind() const = 0;
};

class Rect final : public Shape {
    double w, h;

public:
    Rect(double w, double h) : w(w), h(h) {}
    double area() const override { return w * h; }
    double perimeter() const override { return 2 * (w + h); }
    string kind() const override { return "rect"; }
};

class Circle final : public Shape {
    double r;

public:
    explicit Circle(double r) : r(r) {}
    double area() const override { return M_PI * r * r; }
    double perimeter() const override { return 2 * M_PI * r; }
    string kind() const override { return "circle"; }
};

class Triangle final : public Shape {
    double a, b, c;

public:
    Triangle(double a, double b, double c) : a(a), b(b), c(c) {}
    double area() const override {
        double s = (a + b + c) / 2;
        return sqrt(max(0.0, s * (s - a) * (s - b) * (s - c)));
    }
    double perimeter() const override { return a + b + c; }
    string kind() const override { return "triangle"; }
};

int main() {
    vector<unique_ptr<Shape>> shapes;
    string kind;
    while (cin >> kind) {
        if (kind == "rect") {
            double w, h;
            cin >> w >> h;
            shapes.push_back(make_unique<Rect>(w, h));
        } else if (kind == "circle") {
            double r;
            cin >> r;
            shapes.push_back(make_unique<Circle>(r));
        } else {
            double a, b, c;
            cin >> a >> b >> c;
            shapes.push_back(make_unique<Triangle>(a, b, c));
        }
    }
    sort(shapes.begin(), shapes.end(), [](const unique_ptr<Shape> &x, const unique_ptr<Shape> &y) {
        return x->area() > y->area();
    });
    for (const auto &s : shapes) printf("%-8s %10.3f %10.3f\n", s->kind().c_str(), s->area(), s->perimeter());
}
