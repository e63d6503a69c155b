#include <stdio.h>
#include <stdalign.h>
#include <stdnoreturn.h>
#include <stdlib.h>
#include <assert.h>

_Static_assert(sizeof(int) >= 2, "int too small");

struct packet {
    _Alignas(16) unsigned char data[16];
    int len;
};

#define type_name(x) _Generic((x), int: "int", double: "double", default: "other")

static noreturn void die(const char *msg) {
    fprintf(stderr, "%s\n", msg);
    exit(1);
}

int main(void) {
    _Bool ok = 1;
    struct packet p = {.len = 3};
    printf("%zu %s %s %d\n", alignof(struct packet), type_name(1), type_name(2.0), p.len);
    if (!ok) die("not ok");
    static_assert(1, "always");
    return 0;
}
