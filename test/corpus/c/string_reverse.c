#include <stdio.h>
#include <string.h>
#include <ctype.h>

void reverse(char *s) {
    size_t n = strlen(s);
    for (size_t i = 0, j = n ? n - 1 : 0; i < j; i++, j--) {
        char t = s[i];
        s[i] = s[j];
        s[j] = t;
    }
}

int is_palindrome(const char *s) {
    const char *e = s + strlen(s) - 1;
    while (s < e) {
        while (s < e && !isalnum((unsigned char)*s)) s++;
        while (s < e && !isalnum((unsigned char)*e)) e--;
        if (tolower((unsigned char)*s++) != tolower((unsigned char)*e--)) return 0;
    }
    return 1;
}

int main(void) {
    char buf[] = "hello, world";
    reverse(buf);
    puts(buf);
    printf("%d\n", is_palindrome("Never odd or even"));
    return 0;
}
