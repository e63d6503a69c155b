#include <bits/stdc++.h>
using namespace std;

int main() {
    int n, k;
    cin >> n >> k;
    vector<int> a(n);
    for (int i = 0; i < n; i++) cin >> a[i];
    multiset<int> window(a.begin(), a.begin() + k);
    cout << *window.rbegin();
    for (int i = k; i < n; i++) {
        window.erase(window.find(a[i - k]));
        window.insert(a[i]);
        cout << ' ' << *prev(window.end());
    }
    cout << '\n';
    return 0;
}
