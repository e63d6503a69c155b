int main(void) {
    int *[3] p;
    return 0;
}
