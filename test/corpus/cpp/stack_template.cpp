#include <cstddef>
#include <stdexcept>
#include <iostream>

template <class T, std::size_t Capacity = 16>
class FixedStack {
    T items_[Capacity];
    std::size_t size_ = 0;

public:
    bool empty() const noexcept { return size_ == 0; }
    std::size_t size() const noexcept { return size_; }
    void push(const T& v) {
        if (size_ == Capacity) throw std::overflow_error("full");
        items_[size_++] = v;
    }
    T pop() {
        if (empty()) throw std::underflow_error("empty");
        return items_[--size_];
    }
    const T& top() const { return items_[size_ - 1]; }
};

int main() {
    FixedStack<int> s;
    for (int i = 0; i < 5; ++i) s.push(i * 10);
    FixedStack<double, 4> d;
    d.push(1.5);
    std::cout << s.pop() << ' ' << s.top() << ' ' << d.size() << '\n';
}
