int below_threshold(const int *l, int n, int t) {
    int i = 0;
    while (i < n)
        if (l[i] >= t) return 0;
        i++;
    }
    return 1;
}
