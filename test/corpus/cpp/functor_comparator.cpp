#include <set>
#include <string>
#include <iostream>

struct ByLength {
    bool operator()(const std::string& a, const std::string& b) const {
        return a.size() != b.size() ? a.size() < b.size() : a < b;
    }
};

template <typename F>
struct ScopeExit {
    F f;
    ~ScopeExit() { f(); }
};

template <typename F>
ScopeExit<F> makeScopeExit(F f) { return ScopeExit<F>{f}; }

int main() {
    std::set<std::string, ByLength> words{"ccc", "a", "bb", "dd"};
    auto guard = makeScopeExit([] { std::cout << "done\n"; });
    for (auto it = words.cbegin(); it != words.cend(); ++it) std::cout << *it << ' ';
    std::cout << '\n';
    return 0;
}
