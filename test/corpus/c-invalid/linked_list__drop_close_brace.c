#include <stdio.h>
#include <stdlib.h>

struct node {
    int value;
    struct node *next;
};

static struct node *push(struct node *head, int v) {
    struct node *n = malloc(sizeof *n);
    if (!n) {
        perror("malloc");
        exit(EXIT_FAILURE);
    }
    n->value = v;
    n->next = head;
    return n;
}

static void free_list(struct node *head) {
    while (head) {
        struct node *next = head->next;
        free(head);
        head = next;
    }
}

int main(void) {
    struct node *list = NULL;
    for (int i = 0; i < 5; i++) list = push(list, i * i);
    for (struct node *p = list; p != NULL; p = p->next) printf("%d ", p->value);
    putchar('\n');
    free_list(list);
    return 0;
