#include <iostream>
#include <string>
#include <stack>
using namespace std;

// Check balanced brackets and report the first bad position
int main() {
    string s;
    cin >> s;
    stack<pair<char, int>> st;
    auto matches = [](char open, char close) {
        return (open == '(' && close == ')') || (open == '[' && close == ']') || (open == '{' && close == '}');
    };
    for (int i = 0; i < (int)s.size(); ++i) {
        char c = s[i];
        if (c == '(' || c == '[' || c == '{') {
            st.push({c, i + 1});
        } else if (c == ')' || c == ']' || c == '}') {
            if (st.empty() || !matches(st.top().first, c)) {
                cout << i + 1 << endl;
                return 0;
            }
            st.pop();
        }
    }
    if (st.empty()) cout << "Success" << endl;
    else cout << st.top().second << endl;
    return 0;
}
