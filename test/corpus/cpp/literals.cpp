#include <cstdint>
#include <iostream>
#include <string>

int main() {
    int dec = 1'000'000;
    unsigned hex = 0xDEADBEEFu;
    long oct = 0755L;
    int bin = 0b1010'1010;
    unsigned long long big = 18446744073709551615ULL;
    float f = 3.14f;
    double d = 6.022e23, e = .5, g = 1e-9, h = 2.;
    long double ld = 1.0L;
    char c = 'x', nl = '\n', q = '\'', bs = '\\';
    wchar_t wc = L'w';
    char16_t c16 = u'a';
    char32_t c32 = U'b';
    const char* s = "tab\tquote\"end";
    std::string raw = R"(C:\path\to "file")";
    std::string raw2 = R"delim(a)b)delim";
    const char* u8s = u8"utf8";
    const wchar_t* ws = L"wide";
    const char* cat = "abc" "def";
    std::int64_t x = INT64_C(5);
    std::cout << dec << hex << oct << bin << big << f << d << e << g << h << (double)ld << c << nl << q << bs
              << (int)wc << (int)c16 << (int)c32 << s << raw << raw2 << u8s << (ws != nullptr) << cat << x;
    return 0;
}
