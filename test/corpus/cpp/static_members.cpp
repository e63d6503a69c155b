#include <iostream>

class IdGen {
    static int next_;
    const int id_;
public:
    IdGen() : id_(next_++) {}
    int id() const { return id_; }
    static void reset() { next_ = 0; }
    static constexpr int kMax = 100;
};

int IdGen::next_ = 0;

struct Config {
    static inline int verbosity = 1;
    mutable int reads = 0;
    int get() const { ++reads; return verbosity; }
};

int main() {
    IdGen a, b, c;
    std::cout << a.id() << b.id() << c.id() << IdGen::kMax << '\n';
    IdGen::reset();
    Config cfg;
    cfg.get();
    std::cout << cfg.reads << '\n';
}
