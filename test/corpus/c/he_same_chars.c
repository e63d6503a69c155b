#include <stdbool.h>

bool same_chars(const char *s0, const char *s1) {
    bool in0[256] = {false}, in1[256] = {false};
    for (const unsigned char *p = (const unsigned char *)s0; *p; p++) in0[*p] = true;
    for (const unsigned char *p = (const unsigned char *)s1; *p; p++) in1[*p] = true;
    for (int c = 0; c < 256; c++)
        if (in0[c] != in1[c]) return false;
    return true;
}
