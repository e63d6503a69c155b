#include <bits/stdc++.h>
using namespace std;

bool isBalanced(const string& s) {
    stack<char> st;
    for (char c : s) {
        if (c == '(' || c == '[' || c == '{') {
            st.push(c);
        } else {
            if (st.empty()) return false;
            char t = st.top();
            st.pop();
            if ((c == ')' && t != '(') || (c == ']' && t != '[') || (c == '}' && t != '{'))
                return false;
    }
    return st.empty();
}

int main() {
    vector<string> tests = {"()[]{}", "([)]", "{[]}", ""};
    for (const string& t : tests) cout << boolalpha << isBalanced(t) << '\n';
    deque<int> dq;
    dq.push_front(1);
    dq.push_back(2);
    cout << dq.front() + dq.back() << endl;
}
