#include <stdio.h>

struct point { int x, y; };

static int manhattan(struct point a, struct point b) {
    int dx = a.x - b.x, dy = a.y - b.y;
    return (dx < 0 ? -dx : dx) + (dy < 0 ? -dy : dy);
}

static int sum(const int *xs, int n) {
    int s = 0;
    while (n--) s += *xs++;
    return s;
}

int main(void) {
    int d = manhattan((struct point){1, 2}, (struct point){.x = 4, .y = -2});
    int s = sum((int[]){1, 2, 3, 4}, 4);
    struct point *p = &(struct point){0, 0};
    p->x = 9;
    printf("%d %d %d\n", d, s, p->x);
    return 0;
}
