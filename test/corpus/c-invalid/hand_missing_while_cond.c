int count(int n) {
    int c = 0;
    do {
        c++;
        n /= 2;
    } while;
    return c;
}
