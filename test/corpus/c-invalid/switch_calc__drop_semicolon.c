#include <stdio.h>

double calc(double a, char op, double b, int *err) {
    *err = 0;
    switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/':
        if (b == 0) {
            *err = 1;
            return 0;
        }
        return a / b;
    default:
        *err = 2;
    }
    return 0;
}

int main(void) {
    double a, b;
    char op;
    int err;
    while (scanf("%lf %c %lf", &a, &op, &b) == 3) {
        double r = calc(a, op, b, &err)
        if (err) printf("error %d\n", err);
        else printf("%g\n", r);
    }
    return 0;
}
