#include <stdio.h>
#include <errno.h>
#include <string.h>

int copy_file(const char *src, const char *dst) {
    FILE *in = fopen(src, "r"), *out;
    if (in == NULL) {
        fprintf(stderr, "%s: %s\n", src, strerror(errno));
        return -1;
    }
    out = fopen(dst, "w");
    if (out == NULL) {
        fclose(in);
        return -1;
    }
    char buf[BUFSIZ];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, out) != n) break;
    fclose(in);
    return fclose(out);
}

int main(int argc, char *argv[]) {
    return argc == 3 ? copy_file(argv[1], argv[2]) != 0 : 2;
}
