#include <bits/stdc++.h>
using namespace std;

// Counting sort and radix sort on non-negative integers
void countingSortByDigit(vector<unsigned> &a, unsigned exp) {
    vector<unsigned> out(a.size());
    array<size_t, 10> cnt{};
    for (unsigned x : a) cnt[(x / exp) % 10]++;
    for (int d = 1; d < 10; ++d) cnt[d] += cnt[d - 1];
    for (size_t i = a.size(); i-- > 0;) out[--cnt[(a[i] / exp) % 10]] = a[i];
    a.swap(out);
}

void radixSort(vector<unsigned> &a) {
    if (a.empty()) return;
    unsigned mx = *max_element(a.begin(), a.end());
    for (unsigned long long exp = 1; mx / exp > 0; exp *= 10) countingSortByDigit(a, (unsigned)exp);
}

int main() {
    int n;
    cin >> n;
    vector<unsigned> a(n);
    for (auto &x : a) cin >> x;
    radixSort(a);
    bool ok = is_sorted(a.begin(), a.end());
    for (unsigned x : a) cout << x << ' ';
    cout << (ok ? "\n" : "\nNOT SORTED\n");
}
