#include <bits/stdc++.h>
using namespace std;

// Longest common subsequence with the actual string
int main() {
    string a, b;
    cin >> a >> b;
    int n = a.length(), m = b.length();
    vector<vector<short>> L(n + 1, vector<short>(m + 1, 0));
    for (int i = n - 1; i >= 0; --i)
        for (int j = m - 1; j >= 0; --j)
            L[i][j] = (a[i] == b[j]) ? L[i + 1][j + 1] + 1 : max(L[i + 1][j], L[i][j + 1]);
    string out;
    int i = 0, j = 0;
    while (i < n && j < m) {
        if (a[i] == b[j]) {
            out += a[i];
            ++i, ++j;
        } else if (L[i + 1][j] >= L[i][j + 1]) {
            ++i;
        } else {
            ++j;
        }
    }
    cout << out << '\n';
    return 0;
}
