#include <memory>
#include <iostream>
#include <string>

class Resource {
public:
    explicit Resource(std::string n) : name(std::move(n)) { std::cout << "acquire " << name << '\n'; }
    ~Resource() { std::cout << "release " << name << '\n'; }
    Resource(const Resource&) = delete;
    Resource& operator=(const Resource&) = delete;
    const std::string& getName() const { return name; }

private:
    std::string name;
};

int main() {
    auto a = std::make_unique<Resource>("A");
    std::shared_ptr<Resource> b = std::make_shared<Resource>("B");
    std::weak_ptr<Resource> w = b;
    {
        auto c = b;
        std::cout << b.use_count() << '\n';
    }
    if (auto locked = w.lock()) std::cout << locked->getName() << '\n';
    std::unique_ptr<Resource> moved = std::move(a);
    std::cout << (a == nullptr) << '\n';
    return 0;
}
