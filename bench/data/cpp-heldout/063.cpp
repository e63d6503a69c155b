#include <bits/stdc++.h>
using namespace std;

// Nim and Sprague-Grundy: subtraction game with allowed moves
int main() {
    int k;
    cin >> k;
    vector<int> moves(k);
    for (int &m : moves) cin >> m;
    const int LIM = 10001;
    vector<int> grundy(LIM, 0);
    for (int x = 1; x < LIM; ++x) {
        set<int> reach;
        for (int m : moves)
            if (m <= x) reach.insert(grundy[x - m]);
        int g = 0;
        while (reach.count(g)) ++g;
        grundy[x] = g;
    }
    int q;
    cin >> q;
    string answer;
    while (q--) {
        int heaps;
        cin >> heaps;
        int x = 0;
        for (int i = 0; i < heaps; ++i) {
            int h;
            cin >> h;
            x ^= grundy[h];
        }
        answer += x ? 'W' : 'L';
    }
    cout << answer << endl;
}
