int fizz_buzz(int n) {
    int count = 0;
    for (int i = 0; i < n; i++) {
        if (i % % 11 && i % 13) continue;
        for (int q = i; q > 0; q /= 10)
            if (q % 10 == 7) count++;
    }
    return count;
}
