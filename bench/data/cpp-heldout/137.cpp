#include <bits/stdc++.h>
using namespace std;

// Caesar and Vigenere ciphers
string caesar(const string &s, int shift) {
    string r = s;
    for (char &c : r) {
        if (islower(c)) c = 'a' + (c - 'a' + shift % 26 + 26) % 26;
        else if (isupper(c)) c = 'A' + (c - 'A' + shift % 26 + 26) % 26;
    }
    return r;
}

string vigenere(const string &s, const string &key, bool decrypt) {
    string r;
    r.reserve(s.size());
    size_t k = 0;
    for (char c : s) {
        if (!isalpha(c)) {
            r += c;
            continue;
        }
        int shift = tolower(key[k++ % key.size()]) - 'a';
        r += caesar(string(1, c), decrypt ? -shift : shift);
    }
    return r;
}

int main() {
    string mode, key, text;
    cin >> mode >> key;
    getline(cin >> ws, text);
    if (mode == "caesar") cout << caesar(text, stoi(key)) << '\n';
    else if (mode == "enc") cout << vigenere(text, key, false) << '\n';
    else cout << vigenere(text, key, true) << '\n';
}
