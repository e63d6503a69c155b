#include <stdio.h>
#include <string.h>

static int value(char c) {
    switch (c) {
    case 'I': return 1;
    case 'V': return 5;
    case 'X': return 10;
    case 'L': return 50;
    case 'C': return 100;
    case 'D': return 500;
    case 'M': return 1000;
    }
    return 0;
}

int roman_to_int(const char *s) {
    int total = 0, n = (int)strlen(s);
    for (int i = 0; i < n; i++) {
        int v = value(s[i]);
        if (i + 1 < n && v < value(s[i + 1]) total -= v;
        else total += v;
    }
    return total;
}

void int_to_roman(int num, char *out) {
    static const int vals[] = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
    static const char *syms[] = {"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"};
    out[0] = '\0';
    for (int i = 0; num > 0; i++)
        while (num >= vals[i]) {
            strcat(out, syms[i]);
            num -= vals[i];
        }
}

int main(void) {
    char buf[32];
    int_to_roman(1994, buf);
    printf("%d %s\n", roman_to_int("MCMXCIV"), buf);
    return 0;
}
