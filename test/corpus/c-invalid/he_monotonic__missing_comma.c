#include <stdbool.h>

bool monotonic(const int *l int n) {
    bool incr = false, decr = false;
    for (int i = 1; i < n; i++) {
        if (l[i] > l[i - 1]) incr = true;
        if (l[i] < l[i - 1]) decr = true;
    }
    return !(incr && decr);
}
