#include <iostream>
#include <string>

class Animal {
protected:
    std::string name_;
    static int count_;

public:
    Animal(const std::string& name) : name_(name) { ++count_; }
    virtual ~Animal() { --count_; }
    virtual std::string speak() const = 0;
    static int count() { return count_; }
    friend class Zoo;
};

int Animal::count_ = 0;

class Dog : public Animal {
public:
    using Animal::Animal;
    std::string speak() const override { return name_ + ": woof"; }
};

class Cat : public virtual Animal {
public:
    Cat() : Animal("cat") {}
    std::string speak() const override { return name_ + ": meow"; }
};

class Zoo {
public:
    static std::string describe(const Animal& a) { return "[" + a.name_ + "]"; }
};

int main() {
    Dog d("rex");
    Cat c;
    const Animal* all[] = {&d, &c};
    for (const Animal* a : all) std::cout << a->speak() << ' ' << Zoo::describe(*a) << '\n';
    std::cout << Animal::count() << std::endl;
}
