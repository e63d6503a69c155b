#include <bits/stdc++.h>
using namespace std;

// Rabin-Karp search for multiple patterns of the same length
int main() {
    string text;
    int k;
    cin >> text >> k;
    vector<string> pats(k);
    for (auto &p : pats) cin >> p;
    if (pats.empty()) return 0;
    size_t L = pats[0].size();
    const unsigned long long BASE = 257, MODV = 1000000007ULL;
    auto hashOf = [&](const string &s) {
        unsigned long long h = 0;
        for (char c : s) h = (h * BASE + (unsigned char)c) % MODV;
        return h;
    };
    unordered_map<unsigned long long, vector<int>> want;
    for (int i = 0; i < k; ++i) want[hashOf(pats[i])].push_back(i);
    unsigned long long high = 1;
    for (size_t i = 1; i < L; ++i) high = high * BASE % MODV;
    vector<int> hits(k, 0);
    unsigned long long h = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        if (i >= L) h = (h + MODV - high * (unsigned char)text[i - L] % MODV) % MODV;
        h = (h * BASE + (unsigned char)text[i]) % MODV;
        if (i + 1 >= L) {
            auto it = want.find(h);
            if (it == want.end()) continue;
            for (int id : it->second)
                if (text.compare(i + 1 - L, L, pats[id]) == 0) hits[id]++;
        }
    }
    for (int i = 0; i < k; ++i) cout << pats[i] << ' ' << hits[i] << '\n';
}
