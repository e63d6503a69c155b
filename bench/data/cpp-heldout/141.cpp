#include <bits/stdc++.h>
using namespace std;

// Queue built from two stacks, with a running minimum
template <typename T>
class MinQueue {
    vector<pair<T, T>> in, out;  // (value, min so far)

    static void pushTo(vector<pair<T, T>> &st, const T &x) {
        T m = st.empty() ? x : min(x, st.back().second);
        st.emplace_back(x, m);
    }

public:
    void push(const T &x) { pushTo(in, x); }
    void pop() {
        if (out.empty()) {
            while (!in.empty()) {
                pushTo(out, in.back().first);
                in.pop_back();
            }
        }
        out.pop_back();
    }
    T minimum() const {
        if (in.empty()) return out.back().second;
        if (out.empty()) return in.back().second;
        return min(in.back().second, out.back().second);
    }
    size_t size() const { return in.size() + out.size(); }
};

int main() {
    int n, k;
    cin >> n >> k;
    MinQueue<int> q;
    for (int i = 0; i < n; ++i) {
        int x;
        cin >> x;
        q.push(x);
        if ((int)q.size() > k) q.pop();
        if ((int)q.size() == k) cout << q.minimum() << ' ';
    }
    cout << '\n';
}
