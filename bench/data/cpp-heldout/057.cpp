#include <bits/stdc++.h>
using namespace std;

// Word frequency counter: reads text, prints the top k words
int main() {
    int k;
    cin >> k;
    string word;
    map<string, int> freq;
    while (cin >> word) {
        string clean;
        for (char c : word)
            if (isalpha(static_cast<unsigned char>(c))) clean += tolower(static_cast<unsigned char>(c));
        if (!clean.empty()) ++freq[clean];
    }
    vector<pair<string, int>> items(freq.begin(), freq.end());
    stable_sort(items.begin(), items.end(), [](const pair<string, int> &a, const pair<string, int> &b) {
        return a.second > b.second;
    });
    for (int i = 0; i < k && i < (int)items.size(); ++i) {
        cout << setw(12) << left << items[i].first << ' ' << items[i].second << '\n';
    }
}
