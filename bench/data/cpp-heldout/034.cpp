#include <bits/stdc++.h>
using namespace std;

// Count inversions with merge sort
long long mergeCount(vector<int> &a, vector<int> &tmp, int l, int r) {
    if (r - l <= 1) return 0;
    int m = (l + r) / 2;
    long long inv = mergeCount(a, tmp, l, m) + mergeCount(a, tmp, m, r);
    int i = l, j = m, k = l;
    while (i < m && j < r) {
        if (a[i] <= a[j]) tmp[k++] = a[i++];
        else {
            inv += m - i;
            tmp[k++] = a[j++];
        }
    }
    while (i < m) tmp[k++] = a[i++];
    while (j < r) tmp[k++] = a[j++];
    copy(tmp.begin() + l, tmp.begin() + r, a.begin() + l);
    return inv;
}

int main() {
    int n;
    cin >> n;
    vector<int> a(n), tmp(n);
    for (auto &x : a) cin >> x;
    cout << mergeCount(a, tmp, 0, n) << "\n";
}
