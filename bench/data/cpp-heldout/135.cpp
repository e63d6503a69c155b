#include <bits/stdc++.h>
using namespace std;

// Matrix spiral order traversal
int main() {
    int r, c;
    cin >> r >> c;
    vector<vector<int>> a(r, vector<int>(c));
    for (auto &row : a)
        for (auto &x : row) cin >> x;
    int top = 0, bottom = r - 1, left = 0, right = c - 1;
    vector<int> out;
    while (top <= bottom && left <= right) {
        for (int j = left; j <= right; ++j) out.push_back(a[top][j]);
        ++top;
        for (int i = top; i <= bottom; ++i) out.push_back(a[i][right]);
        --right;
        if (top <= bottom) {
            for (int j = right; j >= left; --j) out.push_back(a[bottom][j]);
            --bottom;
        }
        if (left <= right) {
            for (int i = bottom; i >= top; --i) out.push_back(a[i][left]);
            ++left;
        }
    }
    for (size_t i = 0; i < out.size(); ++i) cout << out[i] << (i + 1 == out.size() ? '\n' : ' ');
}
