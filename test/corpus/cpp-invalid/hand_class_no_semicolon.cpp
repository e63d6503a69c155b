#include <string>
class Person {
public:
    std::string name;
    int age;
}

int main() {
    Person p;
    return p.age;
}
