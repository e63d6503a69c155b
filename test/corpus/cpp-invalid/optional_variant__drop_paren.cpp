#include <optional>
#include <string>
#include <variant>
#include <iostream>

std::optional<int> parseDigit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    return std::nullopt;
}

struct Visitor {
    void operator()(int i) const { std::cout << "int " << i << '\n'; }
    void operator()(const std::string& s) const { std::cout << "str " << s << '\n'; }
};

int main() {
    auto d = parseDigit('7');
    std::cout << d.value_or(-1) << ' ' << parseDigit('x').has_value() << '\n';
    std::variant<int, std::string> v = 12;
    std::visit(Visitor{}, v);
    v = std::string("hi");
    std::visit(Visitor{}, v);
    if (std::holds_alternative<std::string>(v)) std::cout << std::get<std::string>(v).size( << '\n';
}
