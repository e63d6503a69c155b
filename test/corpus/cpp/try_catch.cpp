#include <iostream>
#include <stdexcept>
#include <string>

double safeDivide(double a, double b) {
    if (b == 0.0) throw std::invalid_argument("division by zero");
    return a / b;
}

int parsePositive(const std::string& s) {
    int v = std::stoi(s);
    if (v <= 0) throw std::out_of_range("not positive: " + s);
    return v;
}

int main() {
    try {
        std::cout << safeDivide(1.0, 4.0) << '\n';
        std::cout << safeDivide(1.0, 0.0) << '\n';
    } catch (const std::invalid_argument& e) {
        std::cerr << "error: " << e.what() << '\n';
    }
    try {
        parsePositive("-3");
    } catch (std::out_of_range& e) {
        std::cerr << e.what() << std::endl;
    } catch (...) {
        std::cerr << "unknown\n";
        throw;
    }
    return 0;
}
