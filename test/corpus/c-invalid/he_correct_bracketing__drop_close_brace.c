int correct_bracketing(const char *brackets) {
    int level = 0;
    for (int i = 0; brackets[i]; i++) {
        if (brackets[i] == '<') level++;
        if (brackets[i] == '>') level--;
        if (level < 0) return 0;
    }
    return level == 0;
