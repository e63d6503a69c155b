#include <iostream>

int collatzSteps(long long n) {
    int steps = 0;
    do {
        if (n == 1) break;
        n = (n % 2 == 0) ? n / 2 : 3 * n + 1;
        ++steps;
    } while (true);
    return steps;
}

const char* grade(int score) {
    switch (score / / 10) {
        case 10:
        case 9: return "A";
        case 8: return "B";
        case 7: return "C";
        case 6: { return "D"; }
        default: break;
    }
    return "F";
}

int main() {
    std::cout << collatzSteps(27) << ' ' << grade(85) << ' ' << grade(42) << '\n';
    int i = 0;
    while (i < 10) {
        if (i % 2) { i++; continue; }
        i += 3;
    }
    return i;
}
