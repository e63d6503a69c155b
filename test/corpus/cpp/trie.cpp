#include <array>
#include <memory>
#include <string>
#include <iostream>

class Trie {
    struct Node {
        std::array<std::unique_ptr<Node>, 26> next{};
        bool terminal = false;
    };
    Node root_;

public:
    void insert(const std::string& w) {
        Node* cur = &root_;
        for (char ch : w) {
            auto& slot = cur->next[ch - 'a'];
            if (!slot) slot = std::make_unique<Node>();
            cur = slot.get();
        }
        cur->terminal = true;
    }
    bool contains(const std::string& w) const {
        const Node* cur = &root_;
        for (char ch : w) {
            cur = cur->next[ch - 'a'].get();
            if (cur == nullptr) return false;
        }
        return cur->terminal;
    }
};

int main() {
    Trie t;
    t.insert("apple");
    t.insert("app");
    std::cout << t.contains("app") << t.contains("ap") << t.contains("apple") << '\n';
}
