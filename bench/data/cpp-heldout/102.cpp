#include <bits/stdc++.h>
using namespace std;

// Word break: can a string be segmented into dictionary words? print one segmentation
int main() {
    int n;
    cin >> n;
    unordered_set<string> dict;
    size_t longest = 0;
    for (int i = 0; i < n; ++i) {
        string w;
        cin >> w;
        longest = max(longest, w.size());
        dict.insert(w);
    }
    string s;
    cin >> s;
    int len = s.size();
    vector<int> prev(len + 1, -2);
    prev[0] = -1;
    for (int i = 1; i <= len; ++i) {
        for (int j = max(0, i - (int)longest); j < i; ++j) {
            if (prev[j] != -2 && dict.count(s.substr(j, i - j))) {
                prev[i] = j;
                break;
            }
        }
    }
    if (prev[len] == -2) {
        cout << "NO" << endl;
        return 0;
    }
    vector<string> words;
    for (int i = len; i > 0; i = prev[i]) words.push_back(s.substr(prev[i], i - prev[i]));
    reverse(words.begin(), words.end());
    for (size_t i = 0; i < words.size(); ++i) cout << words[i] << (i + 1 < words.size() ? " " : "\n");
}
