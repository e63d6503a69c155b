#include <bits/stdc++.h>
using namespace std;

// Tokenizer for a tiny language: identifiers, numbers, strings, operators
enum class Tok { Ident, Number, String, Op, End };

struct Token {
    Tok kind;
    string text;
};

vector<Token> lex(const string &src) {
    vector<Token> out;
    size_t i = 0;
    while (i < src.size()) {
        char c = src[i];
        if (isspace((unsigned char)c)) {
            ++i;
        } else if (isalpha((unsigned char)c) || c == '_') {
            size_t j = i;
            while (j < src.size() && (isalnum((unsigned char)src[j]) || src[j] == '_')) ++j;
            out.push_back({Tok::Ident, src.substr(i, j - i)});
            i = j;
        } else if (isdigit((unsigned char)c)) {
            size_t j = i;
            while (j < src.size() && (isdigit((unsigned char)src[j]) || src[j] == '.')) ++j;
            out.push_back({Tok::Number, src.substr(i, j - i)});
            i = j;
        } else if (c == '"') {
            size_t j = i + 1;
            while (j < src.size() && src[j] != '"') j += src[j] == '\\' ? 2 : 1;
            out.push_back({Tok::String, src.substr(i, min(j + 1, src.size()) - i)});
            i = j + 1;
        } else {
            static const vector<string> twoChar = {"==", "!=", "<=", ">=", "&&", "||", "->"};
            string two = src.substr(i, 2);
            bool isTwo = find(twoChar.begin(), twoChar.end(), two) != twoChar.end();
            out.push_back({Tok::Op, isTwo ? two : string(1, c)});
            i += isTwo ? 2 : 1;
        }
    }
    out.push_back({Tok::End, ""});
    return out;
}

int main() {
    string line;
    const char *names[] = {"ident", "number", "string", "op", "end"};
    while (getline(cin, line)) {
        for (const Token &t : lex(line)) cout << names[static_cast<int>(t.kind)] << "(" << t.text << ") ";
        cout << '\n';
    }
}
