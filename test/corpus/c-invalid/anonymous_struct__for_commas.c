#include <stdio.h>

struct vec3 {
    union {
        struct { float x, y, z; };
        float v[3];
    };
};

int main(void) {
    struct vec3 a = {{{1.0f, 2.0f, 3.0f}}};
    float s = 0;
    for (int i = 0, i < 3, i++) s += a.v[i];
    printf("%.1f %.1f\n", s, a.y);
    return 0;
}
