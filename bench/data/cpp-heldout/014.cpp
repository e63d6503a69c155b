#include <bits/stdc++.h>
using namespace std;

class Matrix {
public:
    static const long long MOD = 1000000007LL;
    vector<vector<long long>> a;
    int n;
    Matrix(int n, bool identity = false) : a(n, vector<long long>(n, 0)), n(n) {
        if (identity)
            for (int i = 0; i < n; i++) a[i][i] = 1;
    }
    Matrix operator*(const Matrix &o) const {
        Matrix r(n);
        for (int i = 0; i < n; i++)
            for (int k = 0; k < n; k++) {
                if (!a[i][k]) continue;
                for (int j = 0; j < n; j++) r.a[i][j] = (r.a[i][j] + a[i][k] * o.a[k][j]) % MOD;
            }
        return r;
    }
};

Matrix mpow(Matrix base, long long e) {
    Matrix res(base.n, true);
    while (e) {
        if (e & 1) res = res * base;
        base = base * base;
        e >>= 1;
    }
    return res;
}

int main() {
    long long n;
    cin >> n;
    if (n == 0) {
        cout << 0 << endl;
        return 0;
    }
    Matrix f(2);
    f.a = {{1, 1}, {1, 0}};
    Matrix r = mpow(f, n - 1);
    cout << r.a[0][0] << endl;
}
