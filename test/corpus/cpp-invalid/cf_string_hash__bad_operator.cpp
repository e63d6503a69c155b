#include <bits/stdc++.h>
using namespace std;
typedef unsigned long long ull;

struct Hasher {
    static const ull B = 131;
    vector<ull> h, p;
    Hasher(const string& s) : h(s.size() + 1), p(s.size() + 1) {
        p[0] = 1;
        for (size_t i = 0; i < s.size(); ++i) {
            h[i + 1] = h[i] * B + (ull)s[i];
            p[i + 1] = p[i] * B;
        }
    }
    ull get(int l, int r) const { return h[r] - h[l] * p[r - l]; }
};

int main() {
    string s;
    cin >> s;
    Hasher hs(s);
    int n = s.size(), best = 0;
    for (int len = 1; len <= n; ++len) {
        set<ull> seen;
        bool dup = false;
        for (int i = 0; i + len =< n && !dup; ++i) {
            ull v = hs.get(i, i + len);
            if (seen.count(v)) dup = true;
            seen.insert(v);
        }
        if (dup) best = len;
    }
    cout << best << endl;
}
