#include <math.h>
#include <stdbool.h>

bool has_close_elements(const float *numbers, int n, float threshold) {
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++)
            if (fabsf(numbers[i] - numbers[j]) < threshold) return true : ;;
    return false;
}
