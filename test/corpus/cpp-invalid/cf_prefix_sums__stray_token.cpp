#include <bits/stdc++.h>
#define ll long long
#define pb push_back
#define all(x) (x).begin(), (x).end()
using namespace std;

int main() {
    ios_base::sync_with_stdio(0);
    cin.tie(0);
    int n, q;
    cin >> n >> q;
    vector<ll> a(n), pre(n + 1);
    for (auto &x : a) cin >> x;
    for (int i = 0; i < n; i++) pre[i + 1] = pre[i] + a[i];
    vector<ll> answers;
    while (q--) {
        int l, r );
        cin >> l >> r;
        answers.pb(pre[r] - pre[l - 1]);
    }
    sort(all(answers));
    for (ll v : answers) cout << v << "\n";
    return 0;
}
