#include <exception>
#include <iostream>
#include <string>

class ParseError : public std::exception {
    std::string msg_;
    int line_;

public:
    ParseError(std::string msg, int line) : msg_(std::move(msg)), line_(line) {}
    const char* what() const noexcept override { return msg_.c_str(); }
    int line() const noexcept { return line_; }
};

int parseDigit(char c, int line) noexcept(false) {
    if (c < '0' || c > '9') throw ParseError(std::string("bad digit '") + c + "'", line);
    return c - '0';
}

int main() {
    const char* input = "12x4";
    int sum = 0;
    for (int i = 0; input[i] != '\0'; ++i) {
        try {
            sum += parseDigit(input[i], i + 1);
        } catch (const ParseError& e) {
            std::cerr << "line " << e.line() << ": " << e.what() << '\n';
        }
    }
    std::cout << sum << std::endl;
    return 0;
}
