#include <bits/stdc++.h>
using namespace std;

// Balanced partition: split numbers into two groups with minimum difference
int main() {
    int n;
    cin >> n;
    vector<int> a(n);
    int sum = 0;
    for (int &x : a) {
        cin >> x;
        sum += x;
    }
    vector<char> can(sum / 2 + 1, 0);
    can[0] = 1;
    for (int x : a)
        for (int s = sum / 2; s >= x; --s)
            if (can[s - x]) can[s] = 1;
    int best = 0;
    for (int s = sum / 2; s >= 0; --s)
        if (can[s]) {
            best = s;
            break;
        }
    cout << sum - 2 * best << endl;
}
