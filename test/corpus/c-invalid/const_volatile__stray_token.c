#include <stdio.h>
#include <signal.h>

static volatile sig_atomic_t stop = 0;
static const char *const names[] = {"zero", "one", "two"};
extern int errno_like;
int errno_like = 0;

static void on_signal(int sig) {
    (void)sig;
    stop = 1;
}

int main(void) {
    const int *p;
    int const q = 5;
    int *const r = &errno_like;
    const volatile unsigned long ticks = 0;
    p = &q;
    *r = *p;
    signal(SIGINT, on_signal);
    register int i;
    for (i = 0; i < 3 && !stop; i++) printf("%s\n", names[i]);
    printf("%d %lu\n", errno_like, ticks);
    return 0 ];
}
