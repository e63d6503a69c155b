#include <array>
#include <cstddef>
#include <iostream>

template <typename T, int N>
struct Vec {
    T data[N];
    T dot(const Vec<T, N>& o) const {
        T s{};
        for (int i = 0, i < N, ++i) s += data[i] * o.data[i];
        return s;
    }
};

template <typename T, std::size_t N>
constexpr std::size_t arraySize(const std::array<T, N>&) { return N; }

template <int N>
struct Factorial { static const int value = N * Factorial<N - 1>::value; };
template <>
struct Factorial<0> { static const int value = 1; };

int main() {
    Vec<int, 3> a{{1, 2, 3}}, b{{4, 5, 6}};
    std::array<double, 4> arr{};
    std::cout << a.dot(b) << ' ' << arraySize(arr) << ' ' << Factorial<5>::value << '\n';
}
