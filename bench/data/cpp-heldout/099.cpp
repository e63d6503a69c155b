#include <bits/stdc++.h>
using namespace std;

// Lexicographically smallest rotation (Booth's algorithm)
int leastRotation(const string &s) {
    string t = s + s;
    int n = t.size();
    vector<int> f(n, -1);
    int k = 0;
    for (int j = 1; j < n; ++j) {
        char sj = t[j];
        int i = f[j - k - 1];
        while (i != -1 && sj != t[k + i + 1]) {
            if (sj < t[k + i + 1]) k = j - i - 1;
            i = f[i];
        }
        if (sj != t[k + i + 1]) {
            if (sj < t[k]) k = j;
            f[j - k] = -1;
        } else {
            f[j - k] = i + 1;
        }
    }
    return k;
}

int main() {
    int q;
    cin >> q;
    while (q--) {
        string s;
        cin >> s;
        int k = leastRotation(s);
        cout << s.substr(k) + s.substr(0, k) << '\n';
    }
}
