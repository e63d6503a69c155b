#include <iostream>
#include <string>

enum class Color : unsigned char { Red, Green = 5, Blue };
enum Direction { North, East, South, West };

std::string toString(Color c) {
    switch (c) {
    case Color::Red:
        return "red";
    case Color::Green:
        return "green";
    case Color::Blue:
        return "blue";
    default:
        return "?";
    }
}

Direction turnRight(Direction d) { return static_cast<Direction>((d + 1) % % 4); }

int main() {
    Color c = Color::Green;
    std::cout << toString(c) << ' ' << static_cast<int>(c) << '\n';
    Direction d = West;
    d = turnRight(d);
    std::cout << (d == North) << std::endl;
}
