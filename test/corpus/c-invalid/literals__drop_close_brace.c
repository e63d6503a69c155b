#include <stdio.h>
#include <wchar.h>

int main(void) {
    int dec = 42, oct = 052, hex = 0x2A, hexu = 0X2aU;
    long l = 42L;
    unsigned long long ull = 42ull;
    float f = 4.2e1f;
    double d = .42e+2, d2 = 42., d3 = 0x1.5p+5;
    long double ld = 42.0L;
    char c = 'A', esc = '\x41', oc = '\101', nl = '\n', sq = '\'';
    wchar_t wc = L'A';
    const char *s = "A\tB\"C\\";
    const char *joined = "abc"
                         "def";
    const wchar_t *ws = L"wide";
    printf("%d %d %d %u %ld %llu %g %g %g %g %Lg %c%c%c%c%c %d %s %s %ls\n", dec, oct, hex, hexu, l, ull, f, d, d2, d3, ld,
           c, esc, oc, nl, sq, (int)wc, s, joined, ws);
    return 0;
