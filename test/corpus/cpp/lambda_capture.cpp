#include <functional>
#include <iostream>
#include <vector>

int main() {
    int counter = 0;
    auto inc = [&counter]() { ++counter; };
    auto add = [=](int x) mutable -> int { counter += x; return counter; };
    std::function<int(int)> fact = [&fact](int n) -> int { return n <= 1 ? 1 : n * fact(n - 1); };
    inc();
    inc();
    std::vector<std::function<int()>> fs;
    for (int i = 0; i < 3; ++i) fs.push_back([i] { return i * i; });
    int total = 0;
    for (auto& f : fs) total += f();
    auto generic = [](auto a, auto b) { return a + b; };
    std::cout << counter << ' ' << add(5) << ' ' << fact(5) << ' ' << total << ' ' << generic(1, 2.5) << '\n';
}
