#include <vector>
#include <map>
int main() {
    std::map<int, std::vector<int> m;
    m[1].push_back(2);
    return 0;
}
