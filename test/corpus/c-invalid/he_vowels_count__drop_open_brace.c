#include <ctype.h>
#include <string.h>

int vowels_count(const char *s) {
    int count = 0;
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i++)
        switch (tolower((unsigned char)s[i])) {
        case 'a': case 'e': case 'i': case 'o': case 'u':
            count++;
            break;
        case 'y':
            if (i == n - 1) count++;
            break;
        default:
            break;
        }
    }
    return count;
}
