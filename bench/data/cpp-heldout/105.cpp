#include <bits/stdc++.h>
using namespace std;

// Suffix array by prefix doubling, and the LCP array (Kasai)
vector<int> suffixArray(const string &s) {
    int n = s.size();
    vector<int> sa(n), rk(n), tmp(n);
    iota(sa.begin(), sa.end(), 0);
    for (int i = 0; i < n; ++i) rk[i] = s[i];
    for (int k = 1;; k <<= 1) {
        auto cmp = [&](int a, int b) {
            if (rk[a] != rk[b]) return rk[a] < rk[b];
            int ra = a + k < n ? rk[a + k] : -1;
            int rb = b + k < n ? rk[b + k] : -1;
            return ra < rb;
        };
        sort(sa.begin(), sa.end(), cmp);
        tmp[sa[0]] = 0;
        for (int i = 1; i < n; ++i) tmp[sa[i]] = tmp[sa[i - 1]] + (cmp(sa[i - 1], sa[i]) ? 1 : 0);
        rk = tmp;
        if (rk[sa[n - 1]] == n - 1) break;
    }
    return sa;
}

vector<int> lcpArray(const string &s, const vector<int> &sa) {
    int n = s.size(), h = 0;
    vector<int> rank(n), lcp(max(0, n - 1));
    for (int i = 0; i < n; ++i) rank[sa[i]] = i;
    for (int i = 0; i < n; ++i) {
        if (rank[i] == 0) {
            h = 0;
            continue;
        }
        int j = sa[rank[i] - 1];
        while (i + h < n && j + h < n && s[i + h] == s[j + h]) ++h;
        lcp[rank[i] - 1] = h;
        if (h) --h;
    }
    return lcp;
}

int main() {
    string s;
    cin >> s;
    auto sa = suffixArray(s);
    auto lcp = lcpArray(s, sa);
    long long distinct = (long long)s.size() * (s.size() + 1) / 2;
    for (int x : lcp) distinct -= x;
    for (int i : sa) cout << i << ' ';
    cout << '\n' << distinct << '\n';
}
