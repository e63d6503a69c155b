#include <bits/stdc++.h>
using namespace std;

// Reading a CSV of students and reporting per-class averages
struct Student {
    string name;
    string cls;
    vector<int> marks;
    double average() const {
        return marks.empty() ? 0.0 : accumulate(marks.begin(), marks.end(), 0.0) / marks.size();
    }
};

vector<string> splitCsv(const string &line) {
    vector<string> parts;
    stringstream ss(line);
    string item;
    while (getline(ss, item, ',')) parts.push_back(item);
    return parts;
}

int main() {
    string line;
    vector<Student> students;
    getline(cin, line);  // header
    while (getline(cin, line)) {
        auto parts = splitCsv(line);
        if (parts.size() < 2) continue;
        Student s{parts[0], parts[1], {}};
        for (size_t i = 2; i < parts.size(); ++i) s.marks.push_back(stoi(parts[i]));
        students.push_back(move(s));
    }
    map<string, pair<double, int>> byClass;
    for (const auto &s : students) {
        auto &acc = byClass[s.cls];
        acc.first += s.average();
        acc.second += 1;
    }
    for (const auto &[cls, acc] : byClass) {
        printf("%s %.2f (%d students)\n", cls.c_str(), acc.first / acc.second, acc.second);
    }
    return 0;
}
