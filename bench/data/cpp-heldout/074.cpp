#include <iostream>
#include <vector>
#include <cmath>
#include <iomanip>
using namespace std;

// Gaussian elimination with partial pivoting
const double EPS = 1e-9;

int gauss(vector<vector<double>> a, vector<double> &ans) {
    int n = a.size(), m = a[0].size() - 1;
    vector<int> where(m, -1);
    for (int col = 0, row = 0; col < m && row < n; ++col) {
        int sel = row;
        for (int i = row; i < n; ++i)
            if (abs(a[i][col]) > abs(a[sel][col])) sel = i;
        if (abs(a[sel][col]) < EPS) continue;
        swap(a[sel], a[row]);
        where[col] = row;
        for (int i = 0; i < n; ++i) {
            if (i == row) continue;
            double c = a[i][col] / a[row][col];
            for (int j = col; j <= m; ++j) a[i][j] -= a[row][j] * c;
        }
        ++row;
    }
    ans.assign(m, 0);
    for (int i = 0; i < m; ++i)
        if (where[i] != -1) ans[i] = a[where[i]][m] / a[where[i]][i];
    for (int i = 0; i < n; ++i) {
        double sum = 0;
        for (int j = 0; j < m; ++j) sum += ans[j] * a[i][j];
        if (abs(sum - a[i][m]) > EPS) return 0;
    }
    for (int i = 0; i < m; ++i)
        if (where[i] == -1) return 2;
    return 1;
}

int main() {
    int n;
    cin >> n;
    vector<vector<double>> a(n, vector<double>(n + 1));
    for (auto &row : a)
        for (auto &x : row) cin >> x;
    vector<double> x;
    int r = gauss(a, x);
    if (r == 0) cout << "no solution\n";
    else if (r == 2) cout << "infinitely many\n";
    else {
        for (double v : x) cout << fixed << setprecision(4) << v << ' ';
        cout << '\n';
    }
}
