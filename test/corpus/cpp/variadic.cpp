#include <iostream>
#include <utility>

template <typename T>
T sum(T v) { return v; }

template <typename T, typename... Rest>
T sum(T first, Rest... rest) { return first + sum(rest...); }

template <typename... Args>
void printAll(Args&&... args) {
    ((std::cout << std::forward<Args>(args) << ' '), ...);
    std::cout << '\n';
}

template <typename... Ts>
constexpr std::size_t countArgs(Ts...) { return sizeof...(Ts); }

int main() {
    std::cout << sum(1, 2, 3, 4) << '\n';
    printAll("a", 1, 2.5, 'c');
    static_assert(countArgs(1, 2, 3) == 3, "three");
    return 0;
}
