#include <cstdio>
#include <map>
#include <string>

int add(int a, int b) { return a + b; }
int sub(int a, int b) { return a - b; }
int mul(int a, int b) { return a * b; }

using BinOp = int (*)(int, int);

int apply(BinOp op, int a, int b) { return op(a, b); }

int main() {
    std::map<std::string, BinOp> ops = {{"+", add}, {"-", sub}, {"*", &mul}};
    int (*table[])(int, int) = {add, sub, mul};
    int r = 0;
    for (auto& kv : ops) r += apply(kv.second, 6, 3);
    for (int i = 0; i < 3; ++i) r += (*table[i])(2, 1);
    std::printf("%d\n", r);
}
