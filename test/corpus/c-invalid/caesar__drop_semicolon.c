#include <stdio.h>
#include <ctype.h>

void caesar(char *s, int shift) {
    for (; *s; ++s) {
        if (isupper((unsigned char)*s)) *s = (char)('A' + (*s - 'A' + shift) % 26);
        else if (islower((unsigned char)*s)) *s = (char)('a' + (*s - 'a' + shift) % 26)
    }
}

int main(void) {
    char msg[] = "Attack at Dawn!";
    caesar(msg, 3);
    printf("%s\n", msg);
    caesar(msg, 23);
    printf("%s\n", msg);
    return 0;
}
