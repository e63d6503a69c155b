#include <bits/stdc++.h>
using namespace std;

// Hash map with open addressing written by hand, compared against std::unordered_map
class IntMap {
    static constexpr long long EMPTY = LLONG_MIN;
    vector<long long> keys;
    vector<int> vals;
    size_t used = 0;

    size_t slot(long long k) const {
        unsigned long long h = (unsigned long long)k * 0x9E3779B97F4A7C15ULL;
        return h >> 40 & (keys.size() - 1);
    }
    void grow() {
        vector<long long> oldK = move(keys);
        vector<int> oldV = move(vals);
        keys.assign(oldK.size() * 2, EMPTY);
        vals.assign(oldK.size() * 2, 0);
        used = 0;
        for (size_t i = 0; i < oldK.size(); ++i)
            if (oldK[i] != EMPTY) (*this)[oldK[i]] = oldV[i];
    }

public:
    IntMap() : keys(16, EMPTY), vals(16, 0) {}
    int &operator[](long long k) {
        if ((used + 1) * 2 > keys.size()) grow();
        size_t i = slot(k);
        while (keys[i] != EMPTY && keys[i] != k) i = (i + 1) & (keys.size() - 1);
        if (keys[i] == EMPTY) {
            keys[i] = k;
            ++used;
        }
        return vals[i];
    }
    size_t size() const { return used; }
};

int main() {
    mt19937_64 rng(7);
    IntMap mine;
    unordered_map<long long, int> ref;
    for (int i = 0; i < 100000; ++i) {
        long long k = (long long)(rng() % 5000) - 2500;
        mine[k] += i % 7;
        ref[k] += i % 7;
    }
    bool same = mine.size() == ref.size();
    for (auto &[k, v] : ref) same = same && mine[k] == v;
    cout << (same ? "consistent" : "different") << ' ' << ref.size() << '\n';
}
