#include <bits/stdc++.h>
using namespace std;

// Reservoir sampling and a frequency test over many trials
template <typename It, typename Rng>
vector<typename iterator_traits<It>::value_type> reservoir(It first, It last, size_t k, Rng &rng) {
    using T = typename iterator_traits<It>::value_type;
    vector<T> sample;
    size_t seen = 0;
    for (; first != last; ++first, ++seen) {
        if (sample.size() < k) {
            sample.push_back(*first);
        } else {
            uniform_int_distribution<size_t> pick(0, seen);
            size_t j = pick(rng);
            if (j < k) sample[j] = *first;
        }
    }
    return sample;
}

int main() {
    int n, k, trials;
    cin >> n >> k >> trials;
    vector<int> data(n);
    iota(data.begin(), data.end(), 0);
    mt19937 rng(2024);
    vector<int> hits(n, 0);
    for (int t = 0; t < trials; ++t)
        for (int x : reservoir(data.begin(), data.end(), k, rng)) ++hits[x];
    double expected = (double)trials * k / n;
    double worst = 0;
    for (int h : hits) worst = max(worst, fabs(h - expected) / expected);
    printf("expected %.1f, worst relative deviation %.3f\n", expected, worst);
}
