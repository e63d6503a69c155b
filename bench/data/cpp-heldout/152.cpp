#include <bits/stdc++.h>
using namespace std;

// Validate and pretty-print a nested list expression like [1,[2,3],[]]
struct Value {
    bool isList = false;
    long long number = 0;
    vector<Value> items;
};

struct ListParser {
    const string &s;
    size_t i = 0;
    explicit ListParser(const string &text) : s(text) {}

    bool parse(Value &out) {
        if (i < s.size() && s[i] == '[') {
            ++i;
            out.isList = true;
            if (i < s.size() && s[i] == ']') {
                ++i;
                return true;
            }
            while (true) {
                Value item;
                if (!parse(item)) return false;
                out.items.push_back(item);
                if (i < s.size() && s[i] == ',') ++i;
                else if (i < s.size() && s[i] == ']') {
                    ++i;
                    return true;
                } else return false;
            }
        }
        size_t start = i;
        if (i < s.size() && s[i] == '-') ++i;
        while (i < s.size() && isdigit((unsigned char)s[i])) ++i;
        if (i == start) return false;
        out.number = stoll(s.substr(start, i - start));
        return true;
    }
};

void show(const Value &v, int indent) {
    string pad(indent * 2, ' ');
    if (!v.isList) {
        cout << pad << v.number << '\n';
        return;
    }
    cout << pad << "list(" << v.items.size() << ")\n";
    for (const auto &item : v.items) show(item, indent + 1);
}

int main() {
    string line;
    while (getline(cin, line)) {
        ListParser p(line);
        Value v;
        if (p.parse(v) && p.i == line.size()) show(v, 0);
        else cout << "invalid at " << p.i << '\n';
    }
}
