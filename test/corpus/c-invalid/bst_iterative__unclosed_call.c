#include <stdlib.h>
#include <stdio.h>

typedef struct node node;
struct node {
    int k;
    node *l, *r;
};

node *bst_insert(node **root, int k) {
    node **cur = root;
    while (*cur) cur = k < (*cur)->k ? &(*cur)->l : &(*cur)->r;
    *cur = malloc(sizeof **cur);
    (*cur)->k = k;
    (*cur)->l = (*cur)->r = NULL;
    return *cur;
}

int bst_min(const node *n) {
    while (n->l) n = n->l;
    return n->k;
}

int main(void) {
    node *root = NULL;
    int ks[] = {8, 3, 10, 1, 6, 14};
    for (int i = 0; i < 6; i++) bst_insert(&root, ks[i];
    printf("%d\n", bst_min(root));
    return 0;
}
