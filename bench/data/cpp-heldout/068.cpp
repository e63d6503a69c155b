#include <bits/stdc++.h>
using namespace std;

// Run-length encoding and decoding of strings
string encode(const string &s) {
    string out;
    for (size_t i = 0; i < s.size();) {
        size_t j = i;
        while (j < s.size() && s[j] == s[i]) ++j;
        out += to_string(j - i);
        out += s[i];
        i = j;
    }
    return out;
}

string decode(const string &s) {
    string out;
    int count = 0;
    for (char c : s) {
        if (isdigit(c)) count = count * 10 + (c - '0');
        else {
            out.append(count, c);
            count = 0;
        }
    }
    return out;
}

int main() {
    string mode, s;
    while (cin >> mode >> s) {
        if (mode == "E") cout << encode(s) << '\n';
        else if (mode == "D") cout << decode(s) << '\n';
        else cerr << "unknown mode " << mode << '\n';
    }
    return 0;
}
