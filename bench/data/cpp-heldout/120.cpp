#include <bits/stdc++.h>
using namespace std;

// Heavy path: maximum path sum in a binary tree given by arrays
struct TreeNode {
    int val;
    TreeNode *left = nullptr;
    TreeNode *right = nullptr;
    explicit TreeNode(int v) : val(v) {}
};

int best = INT_MIN;

int gain(TreeNode *node) {
    if (node == nullptr) return 0;
    int l = max(0, gain(node->left));
    int r = max(0, gain(node->right));
    best = max(best, node->val + l + r);
    return node->val + max(l, r);
}

int main() {
    int n;
    cin >> n;
    vector<TreeNode *> nodes(n);
    for (int i = 0; i < n; ++i) {
        int v;
        cin >> v;
        nodes[i] = new TreeNode(v);
    }
    for (int i = 0; i < n; ++i) {
        int l, r;
        cin >> l >> r;
        if (l >= 0) nodes[i]->left = nodes[l];
        if (r >= 0) nodes[i]->right = nodes[r];
    }
    if (n > 0) gain(nodes[0]);
    cout << (n > 0 ? best : 0) << '\n';
    for (auto *p : nodes) delete p;
}
