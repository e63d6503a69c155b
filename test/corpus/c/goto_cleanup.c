#include <stdio.h>
#include <stdlib.h>

int process(const char *path) {
    int rc = -1;
    char *buf = NULL;
    FILE *f = fopen(path, "rb");
    if (!f) goto out;
    buf = malloc(4096);
    if (!buf) goto close_file;
    if (fread(buf, 1, 4096, f) == 0) goto free_buf;
    rc = 0;
free_buf:
    free(buf);
close_file:
    fclose(f);
out:
    return rc;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s file\n", argv[0]);
        return 2;
    }
    return process(argv[1]) == 0 ? 0 : 1;
}
