#include <stdio.h>
#include <ctype.h>

typedef enum { S_START, S_INT, S_FRAC, S_ERROR } state_t;

int is_number(const char *s) {
    state_t st = S_START;
    for (; *s && st != S_ERROR; s++) {
        unsigned char c = (unsigned char)*s;
        switch (st) {
        case S_START:
            st = isdigit(c) ? S_INT : S_ERROR;
            break;
        case S_INT:
            if (c == '.') st = S_FRAC;
            else if (!isdigit(c)) st = S_ERROR;
            break;
        case S_FRAC:
            if (!isdigit(c)) st = S_ERROR;
            break;
        default:
            break;
        }
    }
    return st == S_INT || st == S_FRAC;
}

int main(void) {
    const char *tests[] = {"12", "3.14", "1.", "x1", ""};
    for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++) printf("%s: %d\n", tests[i], is_number(tests[i]));
    return 0;
}
