#include <stdio.h>

#define R 3
#define C 4

int main(void) {
    int m[R][C], k = 1;
    for (int i = 0; i < R; i++)
        for (int j = 0; j < C; j++) m[i][j] = k++;
    int top = 0, bottom = R - 1, left = 0, right = C - 1;
    while (top <= bottom && left <= right) {
        for (int j = left; j <= right; j++) printf("%d ", m[top][j]);
        top++;
        for (int i = top; i <= bottom; i++) printf("%d ", m[i][right]);
        right--;
        if (top <= bottom) {
            for (int j = right; j >= left; j--) printf("%d ", m[bottom][j]);
            bottom--;
        }
        if (left <= right) {
            for (int i = bottom; i >= top; i--) printf("%d ", m[i][left]);
            left++;
        }
    }
    putchar('\n');
    return 0;
}
