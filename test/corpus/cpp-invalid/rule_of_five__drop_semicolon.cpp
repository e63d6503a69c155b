#include <algorithm>
#include <cstddef>
#include <utility>

class Buffer {
public:
    Buffer() = default;
    explicit Buffer(std::size_t n) : size_(n), data_(new int[n]()) {}
    ~Buffer() { delete[] data_; }
    Buffer(const Buffer& o) : size_(o.size_), data_(o.size_ ? new int[o.size_] : nullptr) {
        std::copy(o.data_, o.data_ + o.size_, data_);
    }
    Buffer(Buffer&& o) noexcept : size_(o.size_), data_(o.data_) {
        o.size_ = 0;
        o.data_ = nullptr
    }
    Buffer& operator=(Buffer o) noexcept {
        swap(o);
        return *this;
    }
    void swap(Buffer& o) noexcept {
        std::swap(size_, o.size_);
        std::swap(data_, o.data_);
    }
    int& operator[](std::size_t i) { return data_[i]; }
    std::size_t size() const { return size_; }

private:
    std::size_t size_ = 0;
    int* data_ = nullptr;
};

int main() {
    Buffer a(4);
    a[0] = 7;
    Buffer b = a;
    Buffer c = std::move(a);
    c = b;
    return static_cast<int>(c.size()) + b[0];
}
