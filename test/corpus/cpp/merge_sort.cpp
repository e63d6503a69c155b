#include <vector>
#include <cstdio>
using std::vector;

long long inversions = 0;

void mergeSort(vector<int>& a, vector<int>& tmp, int l, int r) {
    if (r - l <= 1) return;
    int m = (l + r) / 2;
    mergeSort(a, tmp, l, m);
    mergeSort(a, tmp, m, r);
    int i = l, j = m, k = l;
    while (i < m && j < r) {
        if (a[i] <= a[j]) tmp[k++] = a[i++];
        else {
            inversions += m - i;
            tmp[k++] = a[j++];
        }
    }
    while (i < m) tmp[k++] = a[i++];
    while (j < r) tmp[k++] = a[j++];
    for (k = l; k < r; ++k) a[k] = tmp[k];
}

int main() {
    vector<int> a = {5, 1, 4, 2, 3}, tmp(a.size());
    mergeSort(a, tmp, 0, (int)a.size());
    for (int x : a) printf("%d ", x);
    printf("\n%lld\n", inversions);
}
