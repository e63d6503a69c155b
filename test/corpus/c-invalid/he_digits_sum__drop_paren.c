#include <ctype.h>

int digit_sum_upper(const char *s) {
    int sum = 0;
    for (; *s; s++)
        if (isupper((unsigned char)*s) sum += *s;
    return sum;
}
