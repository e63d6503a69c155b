#include <iostream>
#include <iterator>

class Range {
    int lo_, hi_;

public:
    class iterator {
        int cur_;

    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = int;
        using difference_type = std::ptrdiff_t;
        using pointer = const int*;
        using reference = int;
        explicit iterator(int c) : cur_(c) {}
        int operator*() const { return cur_; }
        iterator& operator++() {
            ++cur_;
            return *this;
        }
        bool operator!=(const iterator& o) const { return cur_ != o.cur_; }
    };
    Range(int lo, int hi) : lo_(lo), hi_(hi) {}
    iterator begin() const { return iterator(lo_); }
    iterator end() const { return iterator(hi_); }
};

int main() {
    int s = 0;
    for (int v : Range(1, 11)) s += v;
    std::cout << s << '\n';
}
