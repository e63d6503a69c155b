#include <tuple>
#include <string>
#include <utility>
#include <iostream>

std::tuple<int, double, std::string> stats() { return {3, 2.5, "ok"}; }

std::pair<int, int> minmax2(int a, int b) { return a < b ? std::make_pair(a, b) : std::make_pair(b, a); }

int main() {
    auto [n, mean, status] = stats();
    int lo, hi;
    std::tie(lo, hi) = minmax2(9, 4);
    auto t = std::make_tuple(1, 'c', 2.0;
    std::cout << n << ' ' << mean << ' ' << status << ' ' << lo << hi << ' ' << std::get<1>(t) << '\n';
}
