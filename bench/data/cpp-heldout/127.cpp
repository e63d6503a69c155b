#include <bits/stdc++.h>
using namespace std;

// Newton's method for square and cube roots; compare with the library
double newtonRoot(double a, int k) {
    if (a == 0) return 0;
    double x = a > 1 ? a / k : 1.0;
    for (int it = 0; it < 100; ++it) {
        double fx = pow(x, k) - a;
        double dfx = k * pow(x, k - 1);
        double nx = x - fx / dfx;
        if (fabs(nx - x) < 1e-12 * max(1.0, fabs(x))) return nx;
        x = nx;
    }
    return x;
}

int main() {
    double a;
    while (cin >> a) {
        double s = newtonRoot(a, 2), c = newtonRoot(a, 3);
        printf("%.9f %.9f | %.9f %.9f\n", s, c, sqrt(a), cbrt(a));
    }
    return 0;
}
