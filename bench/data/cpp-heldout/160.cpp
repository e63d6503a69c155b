#include <bits/stdc++.h>
using namespace std;

// Longest substring without repeating characters, and the count of distinct substrings of length k
int main() {
    string s;
    int k;
    cin >> s >> k;
    array<int, 256> last;
    last.fill(-1);
    int best = 0, bestStart = 0, left = 0;
    for (int i = 0; i < (int)s.size(); ++i) {
        unsigned char c = s[i];
        if (last[c] >= left) left = last[c] + 1;
        last[c] = i;
        if (i - left + 1 > best) {
            best = i - left + 1;
            bestStart = left;
        }
    }
    set<string> distinct;
    for (int i = 0; i + k <= (int)s.size(); ++i) distinct.insert(s.substr(i, k));
    cout << s.substr(bestStart, best) << ' ' << best << ' ' << distinct.size() << '\n';
}
