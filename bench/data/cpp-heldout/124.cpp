#include <bits/stdc++.h>
using namespace std;

// Variadic helpers for debugging output and min/max of many values
template <typename T>
void print(const T &x) { cout << x << '\n'; }

template <typename T, typename... Rest>
void print(const T &first, const Rest &...rest) {
    cout << first << ' ';
    print(rest...);
}

template <typename... Args>
auto sumAll(Args... args) {
    return (args + ... + 0);
}

template <typename T, typename... Args>
T maxOf(T first, Args... rest) {
    T best = first;
    ((best = rest > best ? rest : best), ...);
    return best;
}

int main() {
    int a, b, c;
    cin >> a >> b >> c;
    print("values:", a, b, c);
    print("sum", sumAll(a, b, c), "max", maxOf(a, b, c));
    print("mixed", sumAll(1, 2.5, 3LL));
    return 0;
}
