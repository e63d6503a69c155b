#include <bits/stdc++.h>
using namespace std;

// Z-function: find all periods of a string
vector<int> zfunc(const string &s) {
    int n = s.size();
    vector<int> z(n);
    for (int i = 1, l = 0, r = 0; i < n; ++i) {
        if (i < r) z[i] = min(r - i, z[i - l]);
        while (i + z[i] < n && s[z[i]] == s[i + z[i]]) ++z[i];
        if (i + z[i] > r) l = i, r = i + z[i];
    }
    return z;
}

int main() {
    string s;
    cin >> s;
    int n = s.size();
    auto z = zfunc(s);
    vector<int> periods;
    for (int p = 1; p < n; ++p)
        if (p + z[p] == n) periods.push_back(p);
    periods.push_back(n);
    for (size_t i = 0; i < periods.size(); ++i) {
        if (i) cout << ' ';
        cout << periods[i];
    }
    cout << endl;
    return 0;
}
