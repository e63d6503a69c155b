#include <bits/stdc++.h>
using namespace std;

// Stock span and the best single buy/sell profit
int main() {
    int n;
    cin >> n;
    vector<int> price(n);
    for (int &p : price) cin >> p;
    vector<int> span(n);
    stack<int> st;
    for (int i = 0; i < n; ++i) {
        while (!st.empty() && price[st.top()] <= price[i]) st.pop();
        span[i] = st.empty() ? i + 1 : i - st.top();
        st.push(i);
    }
    int lowest = INT_MAX, profit = 0;
    for (int p : price) {
        lowest = min(lowest, p);
        profit = max(profit, p - lowest);
    }
    for (int s : span) cout << s << ' ';
    cout << "\nprofit " << profit << endl;
    return 0;
}
