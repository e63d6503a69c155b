#include <bits/stdc++.h>
using namespace std;

// Two pointers: smallest window containing all characters of a pattern
int main() {
    string s, t;
    cin >> s >> t;
    array<int, 128> need{}, have{};
    for (char c : t) need[(unsigned char)c]++;
    int required = 0;
    for (int x : need) required += x > 0;
    int formed = 0, bestLen = INT_MAX, bestL = 0;
    for (int l = 0, r = 0; r < (int)s.size(); ++r) {
        unsigned char c = s[r];
        if (++have[c] == need[c]) ++formed;
        while (formed == required && l <= r) {
            if (r - l + 1 < bestLen) {
                bestLen = r - l + 1;
                bestL = l;
            }
            unsigned char d = s[l++];
            if (have[d]-- == need[d]) --formed;
        }
    }
    if (bestLen == INT_MAX) cout << "" << endl;
    else cout << s.substr(bestL, bestLen) << endl;
    return 0;
}
