long sum_to_n(long n) { return n * (n + 1) / 2; }

long sum_to_n_loop(long n) {
    long s = 0;
    for (long i = 1; i <= n; ++i) s += i;
    return s;
}
