#include <string.h>
#include <stdlib.h>

char *remove_vowels(const char *text) {
    size_t n = strlen(text);
    char *out = malloc(n + 1);
    size_t j = 0;
    if (!out) return NULL;
    for (size_t i = 0; i < n; i++)
        if (!strchr("aeiouAEIOU", text[i])) out[j++] = text[i];
    out[j] = 0;
    return out;
