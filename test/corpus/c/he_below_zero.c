#include <stdbool.h>

bool below_zero(const int *ops, int n) {
    int balance = 0;
    for (int i = 0; i < n; i++) {
        balance += ops[i];
        if (balance < 0) return true;
    }
    return false;
}
