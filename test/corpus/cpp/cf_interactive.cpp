#include <bits/stdc++.h>
using namespace std;

int ask(int x) {
    cout << "? " << x << endl;
    int r;
    cin >> r;
    return r;
}

int main() {
    int lo = 1, hi = 1000000;
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        if (ask(mid) == 1) lo = mid;
        else hi = mid - 1;
    }
    cout << "! " << lo << endl;
    return 0;
}
