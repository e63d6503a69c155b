#include <iostream>

struct Widget {
    int width = 3;
    int height = 4;
    int area() const { return width * height; }
};

int main() {
    int Widget::*pm = &Widget::height;
    int (Widget::*pf)() const = &Widget::area;
    Widget w;
    Widget* pw = &w;
    w.*pm = 10;
    std::cout << (w.*pf)() << ' ' << (pw->*pf)() << ' ' << pw->*pm << '\n';
    return 0;
}
