#include <bits/stdc++.h>
using namespace std;

// Generate all permutations of distinct characters in lexicographic order, backtracking
string s;
vector<bool> used;
string cur;
vector<string> out;

void gen() {
    if (cur.size() == s.size()) {
        out.push_back(cur);
        return;
    }
    for (size_t i = 0; i < s.size(); ++i) {
        if (used[i]) continue;
        if (i > 0 && s[i] == s[i - 1] && !used[i - 1]) continue;
        used[i] = true;
        cur.push_back(s[i]);
        gen();
        cur.pop_back();
        used[i] = false;
    }
}

int main() {
    cin >> s;
    sort(s.begin(), s.end());
    used.assign(s.size(), false);
    gen();
    cout << out.size() << '\n';
    for (const string &p : out) cout << p << '\n';
}
