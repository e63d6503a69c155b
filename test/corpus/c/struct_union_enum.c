#include <stdio.h>
#include <stdint.h>

enum shape_kind { SHAPE_CIRCLE, SHAPE_RECT = 4, SHAPE_TRI, };

struct circle { double r; };
struct rect { double w, h; };

struct shape {
    enum shape_kind kind;
    union {
        struct circle c;
        struct rect r;
        double sides[3];
    } u;
};

static double area(const struct shape *s) {
    switch (s->kind) {
    case SHAPE_CIRCLE:
        return 3.14159 * s->u.c.r * s->u.c.r;
    case SHAPE_RECT:
        return s->u.r.w * s->u.r.h;
    default:
        return 0.0;
    }
}

int main(void) {
    struct shape shapes[] = {
        {.kind = SHAPE_CIRCLE, .u.c = {1.0}},
        {.kind = SHAPE_RECT, .u = {.r = {2.0, 3.0}}},
    };
    for (unsigned i = 0; i < sizeof shapes / sizeof *shapes; ++i) printf("%.3f\n", area(&shapes[i]));
    uint8_t b = (uint8_t)SHAPE_TRI;
    return b == 5 ? 0 : 1;
}
