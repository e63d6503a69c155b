#include <bits/stdc++.h>
using namespace std;

// Palindromic substrings with Manacher's algorithm
int main() {
    string s;
    cin >> s;
    string t = "^";
    for (char c : s) {
        t += '#';
        t += c;
    }
    t += "#$";
    int n = t.size();
    vector<int> p(n, 0);
    int center = 0, right = 0;
    for (int i = 1; i < n - 1; i++) {
        int mirror = 2 * center - i;
        if (i < right) p[i] = min(right - i, p[mirror]);
        while (t[i + 1 + p[i]] == t[i - 1 - p[i]]) p[i]++;
        if (i + p[i] > right) {
            center = i;
            right = i + p[i];
        }
    }
    int bestLen = 0, bestCenter = 0;
    long long count = 0;
    for (int i = 1; i < n - 1; i++) {
        count += (p[i] + 1) / 2;
        if (p[i] > bestLen) {
            bestLen = p[i];
            bestCenter = i;
        }
    }
    int start = (bestCenter - bestLen) / 2;
    cout << s.substr(start, bestLen) << " " << count << endl;
    return 0;
}
