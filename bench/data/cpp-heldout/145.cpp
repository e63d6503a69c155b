#include <bits/stdc++.h>
using namespace std;

// Gas station circuit: find the starting station if a full loop is possible
int main() {
    int n;
    cin >> n;
    vector<int> gas(n), cost(n);
    for (int &g : gas) cin >> g;
    for (int &c : cost) cin >> c;
    long long total = 0, tank = 0;
    int start = 0;
    for (int i = 0; i < n; ++i) {
        long long diff = gas[i] - cost[i];
        total += diff;
        tank += diff;
        if (tank < 0) {
            start = i + 1;
            tank = 0;
        }
    }
    cout << (total < 0 ? -1 : start) << endl;
}
