#include <cstdio>
#include "cstdlib"
#define MAXN 100005
#define SQR(x) ((x) * (x))
#define FOR_EACH_PRINT(arr, n)          \
    do {                                \
        for (int i_ = 0; i_ < (n); ++i_) \
            printf("%d ", (arr)[i_]);   \
        printf("\n");                   \
    } while (0)
#undef MAXN
#define MAXN 1005
#pragma GCC optimize("O2")

#ifdef LOCAL
#define DEBUG(x) fprintf(stderr, "%d\n", x)
#else
#define DEBUG(x)
#endif

#if defined(__GNUC__) && __GNUC__ >= 4
static const int kGnu = 1;
#elif defined(_MSC_VER)
static const int kGnu = 0;
#else
static const int kGnu = -1;
#endif

#ifndef ONLINE_JUDGE
#endif

int a[MAXN];

int main() {
    for (int i = 0; i < 5; i++) a[i] = SQR(i);
    FOR_EACH_PRINT(a, 5);
    DEBUG(kGnu);
    return kGnu > 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
