#include <cstdio>
#include <vector>

void countingSort(std::vector<int>& a, int maxVal) {
    std::vector<int> cnt(maxVal + 1, 0);
    for (int x : a) ++cnt[x];
    int idx = 0;
    for (int v = 0; v <= maxVal; ++v)
        while (cnt[v]-- > 0) a[idx++] = v;
}

int main() {
    std::vector<int> a{4, 2, 2, 8, 3, 3, 1};
    countingSort(a, 8);
    for (size_t i = 0; i < a.size(); ++i) printf(i ? " %d" : "%d", a[i]);
    putchar('\n');
    return 0;
}
