#include <bits/stdc++.h>
using namespace std;

// Convert between Roman numerals and integers
int romanToInt(const string &s) {
    static const unordered_map<char, int> val = {{'I', 1}, {'V', 5}, {'X', 10}, {'L', 50},
                                                 {'C', 100}, {'D', 500}, {'M', 1000}};
    int total = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        int v = val.at(s[i]);
        if (i + 1 < s.size() && v < val.at(s[i + 1])) total -= v;
        else total += v;
    }
    return total;
}

string intToRoman(int num) {
    const pair<int, const char *> table[] = {{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"},
                                             {90, "XC"},  {50, "L"},   {40, "XL"}, {10, "X"},   {9, "IX"},
                                             {5, "V"},    {4, "IV"},   {1, "I"}};
    string out;
    for (auto &[v, sym] : table) {
        while (num >= v) {
            out += sym;
            num -= v;
        }
    }
    return out;
}

int main() {
    string token;
    while (cin >> token) {
        if (isdigit(token[0])) cout << intToRoman(stoi(token)) << '\n';
        else cout << romanToInt(token) << '\n';
    }
}
