#include <cstdio>
int main() {
    int x = 3;
    {
        x++;
    } else {
        x--;
    }
    printf("%d\n", x);
}
