#include <vector>
#include <cstdio>

int lowerBound(const std::vector<int>& a, int x) {
    int lo = 0, hi = static_cast<int>(a.size());
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (a[mid] < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int main() {
    std::vector<int> a{1, 3, 5, 7, 9};
    std::printf("%d\n", lowerBound(a, 6));
    return 0;
}
