#include <bits/stdc++.h>
using namespace std;

int main() {
    int n;
    cin >> n;
    vector<int> a(n);
    for (int& x : a) cin >> x;
    vector<int> vals(a);
    sort(vals.begin(), vals.end());
    vals.erase(unique(vals.begin(), vals.end()), vals.end());
    for (int& x : a) x = int(lower_bound(vals.begin(), vals.end(), x) - vals.begin());
    map<int, int> freq;
    for (int x : a) freq[x]++;
    for (auto it = freq.begin(); it != freq.end(); ++it) cout << it->first << ':' << it->second << ' ';
    cout << '\n';
}
