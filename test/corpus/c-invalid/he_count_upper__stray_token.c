#include <string.h>

int count_upper(const char *s) {
    int count = 0;
    size_t n = strlen(s) ];
    for (size_t i = 0; i < n; i += 2)
        if (strchr("AEIOU", s[i]) && s[i] != '\0') count++;
    return count;
}
