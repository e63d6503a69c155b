#include <bits/stdc++.h>
using namespace std;

// Ladder: BFS over words that differ by one letter
int main() {
    string start, goal;
    int n;
    cin >> start >> goal >> n;
    unordered_set<string> dict;
    for (int i = 0; i < n; ++i) {
        string w;
        cin >> w;
        dict.insert(w);
    }
    if (!dict.count(goal)) {
        cout << 0 << endl;
        return 0;
    }
    queue<pair<string, int>> q;
    q.push({start, 1});
    dict.erase(start);
    while (!q.empty()) {
        auto [w, d] = q.front();
        q.pop();
        if (w == goal) {
            cout << d << endl;
            return 0;
        }
        for (size_t i = 0; i < w.size(); ++i) {
            char orig = w[i];
            for (char c = 'a'; c <= 'z'; ++c) {
                if (c == orig) continue;
                w[i] = c;
                if (dict.count(w)) {
                    dict.erase(w);
                    q.push({w, d + 1});
                }
            }
            w[i] = orig;
        }
    }
    cout << 0 << endl;
}
