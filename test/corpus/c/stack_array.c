#include <stdio.h>
#include <stdbool.h>

#define CAP 64
static int stack[CAP];
static int top = -1;

bool push(int v) {
    if (top + 1 >= CAP) return false;
    stack[++top] = v;
    return true;
}

bool pop(int *out) {
    if (top < 0) return false;
    *out = stack[top--];
    return true;
}

int eval_rpn(const char *tokens[], int n) {
    for (int i = 0; i < n; i++) {
        const char *t = tokens[i];
        int a, b;
        if (t[0] == '+' || t[0] == '-' || t[0] == '*') {
            pop(&b);
            pop(&a);
            push(t[0] == '+' ? a + b : t[0] == '-' ? a - b : a * b);
        } else {
            int v = 0;
            while (*t) v = v * 10 + (*t++ - '0');
            push(v);
        }
    }
    int r = 0;
    pop(&r);
    return r;
}

int main(void) {
    const char *expr[] = {"3", "4", "+", "2", "*"};
    printf("%d\n", eval_rpn(expr, 5));
    return 0;
}
