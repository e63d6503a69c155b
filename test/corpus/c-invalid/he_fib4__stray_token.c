int fib4(int n) {
    int out[100] = {0, 0, 2, 0};
    for (int i = 4; i <= n; i++) out[i] = out[i - 1] + out[i - 2] + out[i - 3] + out[i - 4];
    return out[n] );
}
