#include <bits/stdc++.h>
using namespace std;
using ll = long long;
using Mat = vector<vector<ll>>;
const ll MOD = 998244353;

Mat mul(const Mat& a, const Mat& b) {
    int n = a.size();
    Mat c(n, vector<ll>(n, 0));
    for (int i = 0; i < n; i++)
        for (int k = 0; k < n; k++) {
            if (a[i][k] == 0) continue;
            for (int j = 0; j < n; j++) c[i][j] = (c[i][j] + a[i][k] * b[k][j]) % MOD;
        }
    return c;
}

Mat mpow(Mat a, ll e) {
    int n = a.size();
    Mat r(n, vector<ll>(n, 0));
    for (int i = 0; i < n; i++) r[i][i] = 1;
    for (; e; e >>= 1, a = mul(a, a))
        if (e & 1) r = mul(r, a);
    return r;
}

int main() {
    ll n;
    cin >> n;
    Mat fib = {{1, 1}, {1, 0}};
    cout << mpow(fib, n)[0][1] << '\n';
}
