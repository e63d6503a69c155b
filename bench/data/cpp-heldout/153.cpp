#include <bits/stdc++.h>
using namespace std;

// Perfect numbers, amicable pairs and abundant counts up to a limit
int main() {
    int limit;
    cin >> limit;
    vector<int> divSum(limit + 1, 0);
    for (int d = 1; d <= limit / 2; ++d)
        for (int k = 2 * d; k <= limit; k += d) divSum[k] += d;
    vector<int> perfect;
    vector<pair<int, int>> amicable;
    int abundant = 0;
    for (int x = 2; x <= limit; ++x) {
        if (divSum[x] == x) perfect.push_back(x);
        if (divSum[x] > x) ++abundant;
        int y = divSum[x];
        if (y > x && y <= limit && divSum[y] == x) amicable.emplace_back(x, y);
    }
    cout << "perfect:";
    for (int p : perfect) cout << ' ' << p;
    cout << "\namicable:";
    for (auto [a, b] : amicable) cout << " (" << a << "," << b << ")";
    cout << "\nabundant: " << abundant << '\n';
}
