#include <algorithm>
#include <string>
#include <vector>
#include <iostream>

struct Person {
    std::string name;
    int age;
};

int main() {
    std::vector<Person> people = {{"Ann", 31}, {"Bob", 25}, {"Cid", 31}, {"Dee", 19}};
    std::sort(people.begin(), people.end(), [](const Person& a, const Person& b) {
        if (a.age != b.age) return a.age > b.age;
        return a.name < b.name;
    });
    int threshold = 20;
    auto count = std::count_if(people.begin(), people.end(),
                               [threshold](const Person& p) { return p.age >= threshold; });
    for (const auto& p : people) std::cout << p.name << ' ' << p.age << '\n';
    std::cout << count << '\n';
    return 0;
}
