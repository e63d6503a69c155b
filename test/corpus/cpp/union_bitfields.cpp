#include <cstdint>
#include <cstdio>

struct Flags {
    unsigned read : 1;
    unsigned write : 1;
    unsigned exec : 1;
    unsigned reserved : 5;
};

union Word {
    std::uint32_t value;
    std::uint8_t bytes[4];
};

int main() {
    Flags f{};
    f.read = 1;
    f.exec = 1;
    Word w;
    w.value = 0x01020304;
    std::printf("%u %u %u\n", f.read + f.write + f.exec, (unsigned)w.bytes[0], (unsigned)sizeof(Flags));
    return 0;
}
