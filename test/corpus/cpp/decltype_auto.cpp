#include <map>
#include <string>
#include <vector>
#include <iostream>
#include <type_traits>

template <typename A, typename B>
auto add(A a, B b) -> decltype(a + b) {
    return a + b;
}

int main() {
    std::map<std::string, std::vector<int>> index;
    index["even"] = {0, 2, 4};
    index["odd"].push_back(1);
    for (const auto& [key, vals] : index) {
        decltype(vals.size()) n = vals.size();
        std::cout << key << '=' << n << '\n';
    }
    auto x = add(1, 2.5);
    decltype(x) y = x * 2;
    static_assert(std::is_same<decltype(x), double>::value, "double");
    std::cout << y << '\n';
}
