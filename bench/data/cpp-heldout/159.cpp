#include <bits/stdc++.h>
using namespace std;

// A tiny stack-based virtual machine reading instructions from input
enum Op : uint8_t { PUSH, ADD, SUB, MUL, DUP, SWAP, JZ, JMP, PRINT, HALT };

struct Instr {
    Op op;
    long long arg;
};

int main() {
    map<string, Op> names = {{"push", PUSH}, {"add", ADD}, {"sub", SUB}, {"mul", MUL}, {"dup", DUP},
                             {"swap", SWAP}, {"jz", JZ},   {"jmp", JMP}, {"print", PRINT}, {"halt", HALT}};
    vector<Instr> prog;
    string word;
    while (cin >> word) {
        Instr in{names.at(word), 0};
        if (in.op == PUSH || in.op == JZ || in.op == JMP) cin >> in.arg;
        prog.push_back(in);
    }
    vector<long long> st;
    size_t pc = 0;
    int steps = 0;
    while (pc < prog.size() && steps++ < 100000) {
        const Instr &in = prog[pc++];
        switch (in.op) {
            case PUSH: st.push_back(in.arg); break;
            case ADD: { long long b = st.back(); st.pop_back(); st.back() += b; break; }
            case SUB: { long long b = st.back(); st.pop_back(); st.back() -= b; break; }
            case MUL: { long long b = st.back(); st.pop_back(); st.back() *= b; break; }
            case DUP: st.push_back(st.back()); break;
            case SWAP: swap(st[st.size() - 1], st[st.size() - 2]); break;
            case JZ: {
                long long v = st.back();
                st.pop_back();
                if (v == 0) pc = in.arg;
                break;
            }
            case JMP: pc = in.arg; break;
            case PRINT: cout << st.back() << '\n'; break;
            case HALT: pc = prog.size(); break;
        }
    }
    return 0;
}
