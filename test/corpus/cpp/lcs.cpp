#include <bits/stdc++.h>
using namespace std;

string lcs(const string& a, const string& b) {
    int n = a.size(), m = b.size();
    vector<vector<int>> L(n + 1, vector<int>(m + 1, 0));
    for (int i = n - 1; i >= 0; --i)
        for (int j = m - 1; j >= 0; --j)
            L[i][j] = a[i] == b[j] ? 1 + L[i + 1][j + 1] : max(L[i + 1][j], L[i][j + 1]);
    string out;
    int i = 0, j = 0;
    while (i < n && j < m) {
        if (a[i] == b[j]) { out += a[i]; ++i; ++j; }
        else if (L[i + 1][j] >= L[i][j + 1]) ++i;
        else ++j;
    }
    return out;
}

int main() { cout << lcs("AGGTAB", "GXTXAYB") << '\n'; }
