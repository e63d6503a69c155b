#include <bits/stdc++.h>
using namespace std;

// Anagram groups: bucket words by their sorted letters
int main() {
    int n;
    cin >> n;
    unordered_map<string, vector<string>> groups;
    for (int i = 0; i < n; ++i) {
        string w;
        cin >> w;
        string key = w;
        sort(key.begin(), key.end());
        groups[key].push_back(w);
    }
    vector<vector<string>> result;
    for (auto &entry : groups) {
        auto &words = entry.second;
        sort(words.begin(), words.end());
        result.push_back(words);
    }
    sort(result.begin(), result.end(), [](const vector<string> &a, const vector<string> &b) {
        if (a.size() != b.size()) return a.size() > b.size();
        return a.front() < b.front();
    });
    for (const auto &g : result) {
        for (size_t i = 0; i < g.size(); ++i) cout << g[i] << (i + 1 < g.size() ? ' ' : '\n');
    }
}
