#include <bits/stdc++.h>
using namespace std;

// Polygon area (shoelace) and point-in-polygon by ray casting
struct Pt {
    double x, y;
};

double area(const vector<Pt> &poly) {
    double s = 0;
    int n = poly.size();
    for (int i = 0; i < n; ++i) {
        const Pt &a = poly[i], &b = poly[(i + 1) % n];
        s += a.x * b.y - b.x * a.y;
    }
    return fabs(s) / 2;
}

bool inside(const vector<Pt> &poly, Pt p) {
    bool in = false;
    int n = poly.size();
    for (int i = 0, j = n - 1; i < n; j = i++) {
        const Pt &a = poly[i], &b = poly[j];
        bool crosses = (a.y > p.y) != (b.y > p.y);
        if (crosses) {
            double xi = (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x;
            if (xi > p.x) in = !in;
        }
    }
    return in;
}

int main() {
    int n, q;
    cin >> n;
    vector<Pt> poly(n);
    for (auto &p : poly) cin >> p.x >> p.y;
    printf("%.2f\n", area(poly));
    cin >> q;
    while (q--) {
        Pt p;
        cin >> p.x >> p.y;
        puts(inside(poly, p) ? "in" : "out");
    }
    return 0;
}
