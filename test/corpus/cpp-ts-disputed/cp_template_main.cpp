#include <bits/stdc++.h>
using namespace std;

#define rep(i, a, b) for (int i = (a); i < (b); ++i)
#define sz(x) (int)(x).size()
typedef long long ll;
typedef vector<int> vi;
typedef pair<int, int> pii;

template <class T> bool chmin(T& a, const T& b) { return b < a ? (a = b, true) : false; }
template <class T> bool chmax(T& a, const T& b) {
    if (a < b) {
        a = b;
        return true;
    }
    return false;
}

template <typename T>
ostream& operator<<(ostream& os, const vector<T>& v) {
    os << '[';
    for (int i = 0; i < sz(v); i++) os << (i ? ", " : "") << v[i];
    return os << ']';
}

int main() {
    cin.tie(0)->sync_with_stdio(0);
    cin.exceptions(cin.failbit);
    int n = 5;
    vi a(n);
    for (int i = 0; i < n; ++i) a[i] = (i * 7) % 5;
    int best = INT_MAX, worst = INT_MIN;
    for (int x : a) {
        chmin(best, x);
        chmax(worst, x);
    }
    vector<pii> ps;
    for (int i = 0; i < n; ++i) ps.emplace_back(a[i], i);
    sort(ps.rbegin(), ps.rend());
    cout << a << ' ' << best << ' ' << worst << ' ' << ps[0].second << '\n';
    return 0;
}
