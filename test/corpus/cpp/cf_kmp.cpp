#include <string>
#include <vector>
#include <iostream>
using namespace std;

vector<int> prefixFunction(const string& s) {
    int n = s.size();
    vector<int> pi(n);
    for (int i = 1; i < n; i++) {
        int j = pi[i - 1];
        while (j > 0 && s[i] != s[j]) j = pi[j - 1];
        if (s[i] == s[j]) j++;
        pi[i] = j;
    }
    return pi;
}

int main() {
    string text, pat;
    getline(cin, text);
    getline(cin, pat);
    string s = pat + '#' + text;
    auto pi = prefixFunction(s);
    int cnt = 0;
    for (size_t i = pat.size() + 1; i < s.size(); ++i)
        if (pi[i] == (int)pat.size()) ++cnt;
    cout << cnt << endl;
}
