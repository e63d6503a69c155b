#include <iostream>
#include <compare>

struct Frac {
    long long num, den;
    Frac(long long n = 0, long long d = 1) : num(n), den(d) { normalize(); }
    void normalize() {
        if (den < 0) { num = -num; den = -den; }
        long long a = num < 0 ? -num : num, b = den;
        while (b) { long long t = a % b; a = b; b = t; }
        if (a) { num /= a; den /= a; }
    }
    Frac operator+(const Frac& o) const { return Frac(num * o.den + o.num * den, den * o.den); }
    Frac operator-() const { return Frac(-num, den); }
    Frac& operator+=(const Frac& o) { return *this = *this + o; }
    Frac& operator++() { num += den; return *this; }
    Frac operator++(int) { Frac t = *this; ++*this; return t; }
    bool operator==(const Frac& o) const { return num == o.num && den == o.den; }
    bool operator!=(const Frac& o) const { return !(*this == o); }
    bool operator<(const Frac& o) const { return num * o.den < o.num * den; }
    explicit operator double() const { return (double)num / den; }
    long long operator[](int i) const { return i == 0 ? num : den; }
};

std::ostream& operator<<(std::ostream& os, const Frac& f) { return os << f.num << '/' << f.den; }

int main() {
    Frac a(1, 2), b(1, 3);
    Frac c = a + b;
    c += Frac(1, 6);
    Frac d = c++;
    std::cout << c << ' ' << d << ' ' << -a << ' ' << (a < b) << ' ' << double(a) << ' ' << a[1] << '\n';
    return a != b;
}
