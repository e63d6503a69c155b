#include <bits/stdc++.h>
using namespace std;
typedef long long ll;

ll gcd_ext(ll a, ll b, ll &x, ll &y) {
    if (b == 0) {
        x = 1;
        y = 0;
        return a;
    }
    ll x1, y1;
    ll g = gcd_ext(b, a % b, x1, y1);
    x = y1;
    y = x1 - (a / b) * y1;
    return g;
}

// Chinese remainder theorem for two congruences at a time
pair<ll, ll> crt(ll r1, ll m1, ll r2, ll m2) {
    ll p, q;
    ll g = gcd_ext(m1, m2, p, q);
    if ((r2 - r1) % g != 0) return {-1, -1};
    ll l = m1 / g * m2;
    __int128 t = (__int128)(r2 - r1) / g * p % (m2 / g);
    ll x = (ll)(((__int128)r1 + t * m1) % l);
    if (x < 0) x += l;
    return {x, l};
}

int main() {
    int k;
    cin >> k;
    ll r = 0, m = 1;
    for (int i = 0; i < k; i++) {
        ll ri, mi;
        cin >> ri >> mi;
        tie(r, m) = crt(r, m, ri, mi);
        if (m == -1) {
            cout << "no solution" << endl;
            return 0;
        }
    }
    cout << r << " " << m << endl;
}
