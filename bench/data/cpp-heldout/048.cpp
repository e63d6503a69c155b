#include <bits/stdc++.h>
using namespace std;

// A small expression evaluator: + - * / and parentheses, recursive descent
class Parser {
    const string &s;
    size_t pos = 0;

    void skip() {
        while (pos < s.size() && isspace((unsigned char)s[pos])) ++pos;
    }
    long long number() {
        skip();
        long long v = 0;
        while (pos < s.size() && isdigit((unsigned char)s[pos])) v = v * 10 + (s[pos++] - '0');
        return v;
    }
    long long factor() {
        skip();
        if (pos < s.size() && s[pos] == '(') {
            ++pos;
            long long v = expr();
            skip();
            ++pos;  // ')'
            return v;
        }
        if (pos < s.size() && s[pos] == '-') {
            ++pos;
            return -factor();
        }
        return number();
    }
    long long term() {
        long long v = factor();
        for (skip(); pos < s.size() && (s[pos] == '*' || s[pos] == '/'); skip()) {
            char op = s[pos++];
            long long r = factor();
            v = op == '*' ? v * r : v / r;
        }
        return v;
    }

public:
    explicit Parser(const string &text) : s(text) {}
    long long expr() {
        long long v = term();
        for (skip(); pos < s.size() && (s[pos] == '+' || s[pos] == '-'); skip()) {
            char op = s[pos++];
            long long r = term();
            v += op == '+' ? r : -r;
        }
        return v;
    }
};

int main() {
    string line;
    while (getline(cin, line)) {
        if (line.empty()) continue;
        Parser p(line);
        cout << p.expr() << '\n';
    }
}
