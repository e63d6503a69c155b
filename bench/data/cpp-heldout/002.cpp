#include <bits/stdc++.h>
using namespace std;
#define ll long long
#define all(x) (x).begin(), (x).end()
#define sz(x) (int)(x).size()

// Longest increasing subsequence in O(n log n), with reconstruction
int main() {
    int n;
    cin >> n;
    vector<int> a(n);
    for (auto &x : a) cin >> x;
    vector<int> tails, tailIdx, parent(n, -1);
    for (int i = 0; i < n; i++) {
        int pos = lower_bound(all(tails), a[i]) - tails.begin();
        if (pos == sz(tails)) {
            tails.push_back(a[i]);
            tailIdx.push_back(i);
        } else {
            tails[pos] = a[i];
            tailIdx[pos] = i;
        }
        if (pos > 0) parent[i] = tailIdx[pos - 1];
    }
    vector<int> seq;
    for (int cur = tailIdx.empty() ? -1 : tailIdx.back(); cur != -1; cur = parent[cur])
        seq.push_back(a[cur]);
    reverse(all(seq));
    cout << sz(seq) << "\n";
    for (int i = 0; i < sz(seq); i++) cout << seq[i] << (i + 1 < sz(seq) ? ' ' : '\n');
}
