#include <stdio.h>

struct ops {
    const char *name;
    int (*apply)(int, int);
    void (*report)(const struct ops *self, int result);
};

static int op_add(int a, int b) { return a + b; }
static int op_max(int a, int b) { return a > b ? a : b; }
static void print_result(const struct ops *self, int result) { printf("%s -> %d\n", self->name, result); }

int main(void) {
    static const struct ops table[] = {
        {"add", op_add, print_result},
        {.name = "max", .apply = op_max, .report = print_result},
    };
    for (int i = 0; i < 2; ++i) table[i].report(&table[i], table[i].apply(7, 3));
    return 0;
}
