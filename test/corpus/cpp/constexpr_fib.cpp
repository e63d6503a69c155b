#include <array>
#include <iostream>

constexpr long long fib(int n) {
    long long a = 0, b = 1;
    for (int i = 0; i < n; ++i) {
        long long t = a + b;
        a = b;
        b = t;
    }
    return a;
}

template <int... Is>
struct Seq {};

constexpr auto table = [] {
    std::array<long long, 10> t{};
    for (int i = 0; i < 10; ++i) t[i] = fib(i);
    return t;
}();

static_assert(fib(10) == 55);

int main() {
    constexpr auto f20 = fib(20);
    std::cout << f20 << ' ' << table[9] << '\n';
}
