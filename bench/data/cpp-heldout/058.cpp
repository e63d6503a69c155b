#include <bits/stdc++.h>
using namespace std;
typedef long long ll;

struct Frac {
    ll num, den;
    Frac(ll n = 0, ll d = 1) : num(n), den(d) { normalize(); }
    void normalize() {
        if (den < 0) num = -num, den = -den;
        ll g = __gcd(llabs(num), den);
        if (g) num /= g, den /= g;
    }
    Frac operator+(const Frac &o) const { return Frac(num * o.den + o.num * den, den * o.den); }
    Frac operator-(const Frac &o) const { return Frac(num * o.den - o.num * den, den * o.den); }
    Frac operator*(const Frac &o) const { return Frac(num * o.num, den * o.den); }
    Frac operator/(const Frac &o) const { return Frac(num * o.den, den * o.num); }
    bool operator==(const Frac &o) const { return num == o.num && den == o.den; }
    friend ostream &operator<<(ostream &os, const Frac &f) {
        if (f.den == 1) return os << f.num;
        return os << f.num << '/' << f.den;
    }
};

int main() {
    int n;
    cin >> n;
    Frac sum;
    for (int i = 0; i < n; ++i) {
        ll a, b;
        cin >> a >> b;
        sum = sum + Frac(a, b);
    }
    cout << sum << endl;
    Frac h;
    for (int i = 1; i <= 10; ++i) h = h + Frac(1, i);
    cout << "H10 = " << h << endl;
}
