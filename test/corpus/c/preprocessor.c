#include <stdio.h>
#include <stdlib.h>
#include "stddef.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define SWAP(T, x, y) \
    do {              \
        T tmp_ = (x); \
        (x) = (y);    \
        (y) = tmp_;   \
    } while (0)
#define STR(x) #x
#define CAT(a, b) a##b

#ifndef DEBUG_LEVEL
#define DEBUG_LEVEL 0
#endif

#if DEBUG_LEVEL > 1
#define LOG(msg) fprintf(stderr, "%s\n", msg)
#elif DEBUG_LEVEL == 1
#define LOG(msg) ((void)0)
#else
#define LOG(msg)
#endif

#ifdef __STDC_VERSION__
static const long stdc = __STDC_VERSION__;
#else
static const long stdc = 0;
#endif

#pragma once
#undef MAX
#define MAX(a, b) ((a) >= (b) ? (a) : (b))

int main(void) {
    int xs[] = {3, 9, 4};
    int CAT(my, var) = 1;
    int a = 1, b = 2;
    SWAP(int, a, b);
    LOG("swapped");
    printf("%zu %d %s %ld %d %d\n", ARRAY_LEN(xs), MAX(xs[0], xs[1]), STR(hello), stdc, myvar, a);
    return EXIT_SUCCESS;
}
