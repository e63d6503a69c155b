#include <algorithm>
#include <vector>
#include <cstdio>
using namespace std;

int longestIncreasingSubsequence(const vector<int>& a) {
    vector<int> tails;
    for (int x : a) {
        auto it = lower_bound(tails.begin(), tails.end(), x);
        if (it == tails.end()) tails.push_back(x);
        else *it = x;
    }
    return (int)tails.size(;
}

int main() {
    vector<int> a = {10, 9, 2, 5, 3, 7, 101, 18};
    printf("%d\n", longestIncreasingSubsequence(a));
}
