#include <bits/stdc++.h>
using namespace std;

// Big integer addition and multiplication on decimal strings
string add(const string &a, const string &b) {
    string r;
    int carry = 0;
    for (int i = a.size() - 1, j = b.size() - 1; i >= 0 || j >= 0 || carry; --i, --j) {
        int s = carry + (i >= 0 ? a[i] - '0' : 0) + (j >= 0 ? b[j] - '0' : 0);
        r.push_back('0' + s % 10);
        carry = s / 10;
    }
    reverse(r.begin(), r.end());
    return r;
}

string mul(const string &a, const string &b) {
    vector<int> d(a.size() + b.size(), 0);
    for (int i = a.size() - 1; i >= 0; --i)
        for (int j = b.size() - 1; j >= 0; --j) d[i + j + 1] += (a[i] - '0') * (b[j] - '0');
    for (int k = d.size() - 1; k > 0; --k) {
        d[k - 1] += d[k] / 10;
        d[k] %= 10;
    }
    string r;
    for (int x : d)
        if (!(r.empty() && x == 0)) r += char('0' + x);
    return r.empty() ? "0" : r;
}

int main() {
    string a, b;
    cin >> a >> b;
    cout << add(a, b) << '\n' << mul(a, b) << '\n';
    string f = "1";
    for (int i = 2; i <= 30; ++i) f = mul(f, to_string(i));
    cout << "30! = " << f << '\n';
}
