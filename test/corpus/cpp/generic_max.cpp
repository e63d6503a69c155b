#include <iostream>
#include <vector>
#include <string>

template <typename T>
const T& maxOf(const T& a, const T& b) { return (a < b) ? b : a; }

template <typename Container>
typename Container::value_type maxElement(const Container& c) {
    typename Container::value_type best = *c.begin();
    for (const auto& x : c)
        if (best < x) best = x;
    return best;
}

template <typename K, typename V>
struct KV {
    K key;
    V val;
};

int main() {
    std::vector<std::string> words = {"pear", "apple", "zucchini"};
    KV<std::string, std::vector<int>> kv{"k", {1, 2}};
    std::cout << maxOf(3, 7) << ' ' << maxOf<double>(2.5, 1) << ' ' << maxElement(words) << ' ' << kv.val.size() << '\n';
}
