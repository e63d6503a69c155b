#include <bits/stdc++.h>
using namespace std;

// Count distinct values in ranges offline (Mo's algorithm)
int BLOCK;

struct Query {
    int l, r, idx;
    bool operator<(const Query &o) const {
        int b1 = l / BLOCK, b2 = o.l / BLOCK;
        if (b1 != b2) return b1 < b2;
        return (b1 & 1) ? r > o.r : r < o.r;
    }
};

int main() {
    int n, q;
    scanf("%d %d", &n, &q);
    vector<int> a(n);
    for (auto &x : a) scanf("%d", &x);
    vector<int> vals(a);
    sort(vals.begin(), vals.end());
    vals.erase(unique(vals.begin(), vals.end()), vals.end());
    for (auto &x : a) x = lower_bound(vals.begin(), vals.end(), x) - vals.begin();
    BLOCK = max(1, (int)(n / sqrt(q + 1.0)));
    vector<Query> qs(q);
    for (int i = 0; i < q; i++) {
        scanf("%d %d", &qs[i].l, &qs[i].r);
        qs[i].l--, qs[i].r--;
        qs[i].idx = i;
    }
    sort(qs.begin(), qs.end());
    vector<int> cnt(vals.size(), 0), ans(q);
    int curL = 0, curR = -1, distinct = 0;
    auto add = [&](int i) { distinct += cnt[a[i]]++ == 0; };
    auto remove = [&](int i) { distinct -= --cnt[a[i]] == 0; };
    for (const auto &qu : qs) {
        while (curR < qu.r) add(++curR);
        while (curL > qu.l) add(--curL);
        while (curR > qu.r) remove(curR--);
        while (curL < qu.l) remove(curL++);
        ans[qu.idx] = distinct;
    }
    for (int x : ans) printf("%d\n", x);
}
