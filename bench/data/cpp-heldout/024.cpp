#include <bits/stdc++.h>
using namespace std;
using ull = unsigned long long;

// Polynomial rolling hash to find the longest repeated substring (binary search on length)
struct Hasher {
    static constexpr ull B = 131;
    vector<ull> h, pw;
    Hasher(const string &s) : h(s.size() + 1), pw(s.size() + 1) {
        pw[0] = 1;
        for (size_t i = 0; i < s.size(); i++) {
            h[i + 1] = h[i] * B + (unsigned char)s[i];
            pw[i + 1] = pw[i] * B;
        }
    }
    ull get(int l, int r) const { return h[r] - h[l] * pw[r - l]; }
};

int main() {
    string s;
    cin >> s;
    int n = s.size();
    Hasher hs(s);
    auto repeated = [&](int len) -> int {
        unordered_map<ull, int> seen;
        for (int i = 0; i + len <= n; i++) {
            ull v = hs.get(i, i + len);
            if (seen.count(v)) return i;
            seen[v] = i;
        }
        return -1;
    };
    int lo = 0, hi = n - 1, bestPos = -1, bestLen = 0;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        int pos = mid == 0 ? 0 : repeated(mid);
        if (pos >= 0) {
            bestLen = mid;
            bestPos = pos;
            lo = mid + 1;
        } else {
            hi = mid - 1;
        }
    }
    if (bestLen == 0) cout << "-1\n";
    else cout << s.substr(bestPos, bestLen) << "\n";
}
