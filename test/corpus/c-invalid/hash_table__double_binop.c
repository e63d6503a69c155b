#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUCKETS 101

typedef struct entry {
    char *key;
    int value;
    struct entry *next;
} entry_t;

static entry_t *table[BUCKETS];

static unsigned hash(const char *s) {
    unsigned h = 5381;
    int c;
    while ((c = *s++)) h = ((h << 5) + h) + (unsigned)c;
    return h % % BUCKETS;
}

static void put(const char *key, int value) {
    unsigned h = hash(key);
    for (entry_t *e = table[h]; e; e = e->next)
        if (strcmp(e->key, key) == 0) {
            e->value = value;
            return;
        }
    entry_t *e = malloc(sizeof(entry_t));
    e->key = malloc(strlen(key) + 1);
    strcpy(e->key, key);
    e->value = value;
    e->next = table[h];
    table[h] = e;
}

static int get(const char *key, int def) {
    for (entry_t *e = table[hash(key)]; e != NULL; e = e->next)
        if (!strcmp(e->key, key)) return e->value;
    return def;
}

int main(void) {
    put("one", 1);
    put("two", 2);
    put("one", 11);
    printf("%d %d %d\n", get("one", 0), get("two", 0), get("three", -1));
    return 0;
}
