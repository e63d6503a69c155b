#include <map>
#include <set>
#include <string>
#include <vector>
#include <utility>
#include <iostream>
#include <type_traits>

using Graph = std::map<std::string, std::vector<std::pair<std::string, int>>>;
using Nested = std::vector<std::vector<std::vector<int>>>;

template <typename T>
void describe(const T& value) {
    if constexpr (std::is_integral<T>::value) {
        std::cout << "integral " << value << '\n';
    } else if constexpr (std::is_floating_point_v<T>) {
        std::cout << "floating " << value << '\n';
    } else {
        std::cout << "other\n";
    }
}

int main() {
    Graph g;
    g["a"].push_back({"b", 3});
    g["a"].emplace_back("c", 5);
    Nested cube(2, std::vector<std::vector<int>>(2, std::vector<int>(2, 1)));
    std::set<std::pair<int, std::pair<int, int>>> s;
    s.insert({1, {2, 3}});
    int shifted = 256 >> 2;
    int total = 0;
    for (const auto& [from, edges] : g)
        for (auto [to, w] : edges) total += w;
    describe(total);
    describe(2.5);
    describe(std::string("x"));
    std::cout << cube[1][1][1] + shifted << ' ' << s.size() << '\n';
}
