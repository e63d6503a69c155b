#include <stdio.h>
int main(void) {
    int a = ((1 + 2) * 3;
    printf("%d\n", a);
    return 0;
}
