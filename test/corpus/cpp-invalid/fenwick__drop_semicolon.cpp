#include <vector>
#include <iostream>

struct Fenwick {
    int n
    std::vector<long long> t;
    Fenwick(int n) : n(n), t(n + 1, 0) {}
    void add(int i, long long d) {
        for (++i; i <= n; i += i & -i) t[i] += d;
    }
    long long sum(int i) const {
        long long s = 0;
        for (++i; i > 0; i -= i & -i) s += t[i];
        return s;
    }
    long long range(int l, int r) const { return sum(r) - (l ? sum(l - 1) : 0); }
};

int main() {
    Fenwick f(10);
    for (int i = 0; i < 10; i++) f.add(i, i + 1);
    std::cout << f.range(3, 6) << std::endl;
}
