#include <bits/stdc++.h>
using namespace std;

// Simulating a vending machine with coins and change (greedy on canonical coins)
int main() {
    map<int, int, greater<int>> coins = {{200, 0}, {100, 0}, {50, 0}, {20, 0}, {10, 0}, {5, 0}};
    for (auto &[value, count] : coins) cin >> count;
    int orders;
    cin >> orders;
    for (int o = 0; o < orders; ++o) {
        int price, paid;
        cin >> price >> paid;
        int change = paid - price;
        if (change < 0) {
            cout << "insufficient\n";
            continue;
        }
        auto backup = coins;
        vector<int> given;
        for (auto &[value, count] : coins) {
            while (change >= value && count > 0) {
                change -= value;
                --count;
                given.push_back(value);
            }
        }
        if (change != 0) {
            coins = backup;
            cout << "no change\n";
            continue;
        }
        cout << given.size() << " coins:";
        for (int g : given) cout << ' ' << g;
        cout << '\n';
    }
}
