#include <bits/stdc++.h>
using namespace std;

// Josephus problem: iterative formula and a simulation with a list
int josephusFormula(int n, int k) {
    int res = 0;
    for (int i = 2; i <= n; ++i) res = (res + k) % i;
    return res + 1;
}

int josephusSimulate(int n, int k) {
    list<int> people;
    for (int i = 1; i <= n; ++i) people.push_back(i);
    auto it = people.begin();
    while (people.size() > 1) {
        for (int step = 1; step < k; ++step) {
            ++it;
            if (it == people.end()) it = people.begin();
        }
        it = people.erase(it);
        if (it == people.end()) it = people.begin();
    }
    return people.front();
}

int main() {
    int n, k;
    cin >> n >> k;
    int a = josephusFormula(n, k);
    int b = n <= 5000 ? josephusSimulate(n, k) : a;
    cout << a << (a == b ? "" : " (mismatch)") << endl;
}
