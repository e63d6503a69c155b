void derivative(const double *xs int n, double *out) {
    for (int i = 1; i < n; i++) out[i - 1] = i * xs[i];
}
