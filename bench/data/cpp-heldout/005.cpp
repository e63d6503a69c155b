#include <bits/stdc++.h>
using namespace std;

// KMP prefix function: count occurrences of pattern in text
vector<int> prefixFunction(const string &s) {
    int n = s.size();
    vector<int> pi(n, 0);
    for (int i = 1; i < n; ++i) {
        int j = pi[i - 1];
        while (j > 0 && s[i] != s[j]) j = pi[j - 1];
        if (s[i] == s[j]) ++j;
        pi[i] = j;
    }
    return pi;
}

int main() {
    string text, pat;
    getline(cin, text);
    getline(cin, pat);
    string joined = pat + "#" + text;
    vector<int> pi = prefixFunction(joined);
    vector<int> positions;
    for (size_t i = pat.size() + 1; i < joined.size(); ++i) {
        if (pi[i] == (int)pat.size()) positions.push_back(i - 2 * pat.size());
    }
    cout << positions.size() << endl;
    for (int p : positions) cout << p << ' ';
    cout << endl;
}
