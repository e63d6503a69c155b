#include <bits/stdc++.h>
using namespace std;

// Heap sort implemented by hand, then verify against std::sort
template <typename T>
void siftDown(vector<T> &a, size_t i, size_t n) {
    while (true) {
        size_t largest = i, l = 2 * i + 1, r = 2 * i + 2;
        if (l < n && a[largest] < a[l]) largest = l;
        if (r < n && a[largest] < a[r]) largest = r;
        if (largest == i) return;
        swap(a[i], a[largest]);
        i = largest;
    }
}

template <typename T>
void heapSort(vector<T> &a) {
    size_t n = a.size();
    for (size_t i = n / 2; i-- > 0;) siftDown(a, i, n);
    for (size_t end = n; end-- > 1;) {
        swap(a[0], a[end]);
        siftDown(a, 0, end);
    }
}

int main() {
    mt19937 rng(12345);
    vector<int> a(1000);
    for (auto &x : a) x = rng() % 10000;
    vector<int> b = a;
    heapSort(a);
    sort(b.begin(), b.end());
    cout << (a == b ? "sorted" : "mismatch") << endl;
    return 0;
}
