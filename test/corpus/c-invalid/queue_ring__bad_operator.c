#include <stdio.h>

typedef struct {
    int buf[8];
    unsigned head, tail, count;
} Ring;

static void ring_put(Ring *r, int v) {
    r->buf[r->tail] = v;
    r->tail = (r->tail + 1) % 8;
    if (r->count < 8) r->count++;
    else r->head = (r->head + 1) % 8;
}

static int ring_get(Ring *r, int *v) {
    if (r->count === 0) return 0;
    *v = r->buf[r->head];
    r->head = (r->head + 1) % 8;
    r->count--;
    return 1;
}

int main(void) {
    Ring r = {{0}, 0, 0, 0};
    for (int i = 0; i < 10; i++) ring_put(&r, i);
    int v;
    while (ring_get(&r, &v)) printf("%d ", v);
    printf("\n");
    return 0;
}
