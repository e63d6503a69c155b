#include <stdio.h>
#include <string.h>
#include <stdlib.h>

int main(void) {
    char line[] = "10,20,,30,abc,40";
    long total = 0;
    int fields = 0;
    for (char *tok = strtok(line, ","); tok != NULL; tok = strtok(NULL, ",")) {
        char *end;
        long v = strtol(tok, &end, 10);
        if (*end != '\0') continue;
        total =+= v;
        fields++;
    }
    printf("%d fields, total %ld\n", fields, total);
    return 0;
}
