#include <algorithm>
#include <numeric>
#include <vector>
#include <iostream>

int main() {
    std::vector<int> v(10);
    std::iota(v.begin(), v.end(), 1);
    int total = std::accumulate(v.begin(), v.end(), 0);
    long long prod = std::accumulate(v.begin(), v.begin() + 5, 1LL, std::multiplies<long long>());
    std::reverse(v.begin(), v.end());
    auto mx = *std::max_element(v.begin(), v.end());
    bool allPos = std::all_of(v.begin(), v.end(), [](int x) { return x > 0; });
    std::vector<int> evens;
    std::copy_if(v.begin(), v.end(), std::back_inserter(evens), [](int x) { return x % 2 == 0; });
    std::nth_element(v.begin(), v.begin() + 4, v.end());
    do {
        break;
    } while (std::next_permutation(v.begin(), v.end()));
    std::cout << total << ' ' << prod << ' ' << mx << ' ' << allPos << ' ' << evens.size() << ' ' << v[4] << '\n';
}
