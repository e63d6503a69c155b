#include <bits/stdc++.h>
using namespace std;

mt19937 rng(chrono::steady_clock::now().time_since_epoch().count());

int quickSelect(vector<int> a, int k) {
    int lo = 0, hi = (int)a.size() - 1;
    while (true) {
        int pivot = a[uniform_int_distribution<int>(lo, hi)(rng)];
        int i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pivot) i++;
            while (a[j] > pivot) j--;
            if (i <= j) swap(a[i++], a[j--]);
        }
        if (k <= j) hi = j;
        else if (k >= i) lo = i;
        else return a[k];
    }
}

int main() {
    vector<int> a = {7, 10, 4, 3, 20, 15};
    cout << quickSelect(a, 2) << endl;
}
