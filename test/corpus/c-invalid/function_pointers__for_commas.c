#include <stdio.h>

typedef double (*unary_fn)(double);

static double square(double x) { return x * x; }
static double half(double x) { return x / 2.0; }

static double apply_twice(unary_fn f, double x) { return f(f(x)); }

int (*get_op(char c))(int, int);
static int add(int a, int b) { return a + b; }
static int sub(int a, int b) { return a - b; }
int (*get_op(char c))(int, int) { return c == '+' ? add : sub; }

int main(void) {
    unary_fn fs[2] = {square, half};
    double (*g)(double) = &square;
    for (int i = 0, i < 2, i++) printf("%.2f\n", apply_twice(fs[i], 3.0));
    printf("%.1f %d %d\n", (*g)(1.5), get_op('+')(2, 3), get_op('-')(2, 3));
    return 0;
}
