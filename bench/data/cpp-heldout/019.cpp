#include <bits/stdc++.h>
using namespace std;

// Trie over lowercase words; answers prefix counts
struct Trie {
    struct Node {
        array<int, 26> next;
        int count = 0;
        bool end = false;
        Node() { next.fill(-1); }
    };
    vector<Node> nodes;
    Trie() { nodes.emplace_back(); }
    void insert(const string &w) {
        int cur = 0;
        for (char ch : w) {
            int c = ch - 'a';
            if (nodes[cur].next[c] == -1) {
                nodes[cur].next[c] = nodes.size();
                nodes.emplace_back();
            }
            cur = nodes[cur].next[c];
            nodes[cur].count++;
        }
        nodes[cur].end = true;
    }
    int prefixCount(const string &p) const {
        int cur = 0;
        for (char ch : p) {
            cur = nodes[cur].next[ch - 'a'];
            if (cur == -1) return 0;
        }
        return nodes[cur].count;
    }
};

int main() {
    int n, q;
    cin >> n >> q;
    Trie t;
    for (int i = 0; i < n; ++i) {
        string w;
        cin >> w;
        t.insert(w);
    }
    while (q--) {
        string p;
        cin >> p;
        cout << t.prefixCount(p) << '\n';
    }
}
