#include <algorithm>
#include <cctype>
#include <sstream>
#include <string>
#include <vector>
#include <iostream>

std::vector<std::string> split(const std::string& s, char delim) {
    std::vector<std::string> out;
    std::stringstream ss(s);
    std::string item;
    while (std::getline(ss, item, delim))
        if (!item.empty()) out.push_back(item);
    return out;
}

std::string toUpper(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
    return s;
}

bool isPalindrome(const std::string& s) {
    std::string t;
    for (char c : s)
        if (std::isalnum(static_cast<unsigned char>(c))) t += std::tolower(c);
    return std::equal(t.begin(), t.begin() + t.size() / 2, t.rbegin());
}

int main() {
    for (const auto& w : split("the quick  brown fox", ' ')) std::cout << toUpper(w) << '|';
    std::cout << '\n' << isPalindrome("A man, a plan, a canal: Panama") << std::endl;
}
