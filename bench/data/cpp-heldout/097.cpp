#include <bits/stdc++.h>
using namespace std;

// Stack-based calculator for Reverse Polish notation with error reporting
int main() {
    string line;
    while (getline(cin, line)) {
        istringstream in(line);
        vector<double> st;
        string tok;
        bool error = false;
        while (in >> tok && !error) {
            if (tok == "+" || tok == "-" || tok == "*" || tok == "/") {
                if (st.size() < 2) {
                    error = true;
                    break;
                }
                double b = st.back();
                st.pop_back();
                double a = st.back();
                st.pop_back();
                switch (tok[0]) {
                    case '+': st.push_back(a + b); break;
                    case '-': st.push_back(a - b); break;
                    case '*': st.push_back(a * b); break;
                    case '/':
                        if (b == 0) error = true;
                        else st.push_back(a / b);
                        break;
                }
            } else {
                try {
                    st.push_back(stod(tok));
                } catch (const invalid_argument &) {
                    error = true;
                }
            }
        }
        if (error || st.size() != 1) cout << "error\n";
        else cout << st.back() << '\n';
    }
}
