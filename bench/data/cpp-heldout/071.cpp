#include <bits/stdc++.h>
using namespace std;

// Aho-Corasick: count how many dictionary words occur in a text
struct AhoCorasick {
    vector<array<int, 26>> go;
    vector<int> fail, out;
    AhoCorasick() { newNode(); }
    int newNode() {
        go.emplace_back();
        go.back().fill(-1);
        fail.push_back(0);
        out.push_back(0);
        return go.size() - 1;
    }
    void add(const string &w) {
        int u = 0;
        for (char ch : w) {
            int c = ch - 'a';
            if (go[u][c] == -1) {
                int v = newNode();
                go[u][c] = v;
            }
            u = go[u][c];
        }
        out[u]++;
    }
    void build() {
        queue<int> q;
        for (int c = 0; c < 26; c++) {
            if (go[0][c] == -1) go[0][c] = 0;
            else {
                fail[go[0][c]] = 0;
                q.push(go[0][c]);
            }
        }
        while (!q.empty()) {
            int u = q.front();
            q.pop();
            out[u] += out[fail[u]];
            for (int c = 0; c < 26; c++) {
                int v = go[u][c];
                if (v == -1) go[u][c] = go[fail[u]][c];
                else {
                    fail[v] = go[fail[u]][c];
                    q.push(v);
                }
            }
        }
    }
    long long count(const string &text) const {
        long long total = 0;
        int u = 0;
        for (char ch : text) {
            u = go[u][ch - 'a'];
            total += out[u];
        }
        return total;
    }
};

int main() {
    int k;
    cin >> k;
    AhoCorasick ac;
    for (int i = 0; i < k; i++) {
        string w;
        cin >> w;
        ac.add(w);
    }
    ac.build();
    string text;
    cin >> text;
    cout << ac.count(text) << '\n';
}
