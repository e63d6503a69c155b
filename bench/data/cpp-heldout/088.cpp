#include <bits/stdc++.h>
using namespace std;

// Huffman coding: total encoded length and the code of each symbol
struct HNode {
    long long freq;
    char ch;
    HNode *left, *right;
};

struct ByFreq {
    bool operator()(const HNode *a, const HNode *b) const { return a->freq > b->freq; }
};

void collect(HNode *node, const string &prefix, map<char, string> &codes) {
    if (!node) return;
    if (!node->left && !node->right) {
        codes[node->ch] = prefix.empty() ? "0" : prefix;
        return;
    }
    collect(node->left, prefix + "0", codes);
    collect(node->right, prefix + "1", codes);
}

int main() {
    string text;
    getline(cin, text);
    map<char, long long> freq;
    for (char c : text) freq[c]++;
    priority_queue<HNode *, vector<HNode *>, ByFreq> pq;
    for (auto [c, f] : freq) pq.push(new HNode{f, c, nullptr, nullptr});
    if (pq.empty()) return 0;
    while (pq.size() > 1) {
        HNode *a = pq.top();
        pq.pop();
        HNode *b = pq.top();
        pq.pop();
        pq.push(new HNode{a->freq + b->freq, '\0', a, b});
    }
    map<char, string> codes;
    collect(pq.top(), "", codes);
    long long bits = 0;
    for (auto &[c, code] : codes) {
        bits += freq[c] * (long long)code.size();
        cout << "'" << c << "' " << code << "\n";
    }
    cout << bits << " bits\n";
}
