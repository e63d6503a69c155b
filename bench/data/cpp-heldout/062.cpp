#include <bits/stdc++.h>
using namespace std;

// Treap with implicit keys: reverse segments of an array
mt19937 rng(42);

struct Node {
    int val, pri, size = 1;
    bool rev = false;
    Node *l = nullptr, *r = nullptr;
    Node(int v) : val(v), pri(rng()) {}
};

int sz(Node *t) { return t ? t->size : 0; }
void upd(Node *t) {
    if (t) t->size = 1 + sz(t->l) + sz(t->r);
}
void push(Node *t) {
    if (t && t->rev) {
        swap(t->l, t->r);
        if (t->l) t->l->rev ^= true;
        if (t->r) t->r->rev ^= true;
        t->rev = false;
    }
}
void split(Node *t, int k, Node *&a, Node *&b) {
    if (!t) {
        a = b = nullptr;
        return;
    }
    push(t);
    if (sz(t->l) < k) {
        split(t->r, k - sz(t->l) - 1, t->r, b);
        a = t;
    } else {
        split(t->l, k, a, t->l);
        b = t;
    }
    upd(t);
}
Node *merge(Node *a, Node *b) {
    if (!a || !b) return a ? a : b;
    push(a);
    push(b);
    if (a->pri > b->pri) {
        a->r = merge(a->r, b);
        upd(a);
        return a;
    }
    b->l = merge(a, b->l);
    upd(b);
    return b;
}
void print(Node *t) {
    if (!t) return;
    push(t);
    print(t->l);
    printf("%d ", t->val);
    print(t->r);
}

int main() {
    int n, m;
    scanf("%d %d", &n, &m);
    Node *root = nullptr;
    for (int i = 1; i <= n; i++) root = merge(root, new Node(i));
    while (m--) {
        int l, r;
        scanf("%d %d", &l, &r);
        Node *a, *b, *c;
        split(root, l - 1, a, b);
        split(b, r - l + 1, b, c);
        b->rev ^= true;
        root = merge(merge(a, b), c);
    }
    print(root);
    puts("");
}
