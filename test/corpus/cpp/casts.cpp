#include <cstdint>
#include <iostream>

struct Base { virtual ~Base() {} int tag = 1; };
struct Derived : Base { int extra = 2; };

int main() {
    double d = 3.99;
    int i = static_cast<int>(d);
    int j = (int)d + int(d);
    Base* b = new Derived();
    Derived* dp = dynamic_cast<Derived*>(b);
    const int ci = 42;
    int* mp = const_cast<int*>(&ci);
    std::uintptr_t addr = reinterpret_cast<std::uintptr_t>(mp);
    unsigned char byte = static_cast<unsigned char>(addr & 0xFF);
    long long ll = static_cast<long long>(i) * 1000000000LL;
    std::cout << i << ' ' << j << ' ' << (dp ? dp->extra : -1) << ' ' << (int)byte << ' ' << ll << '\n';
    delete b;
}
