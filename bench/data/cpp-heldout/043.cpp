#include <bits/stdc++.h>
using namespace std;

template <typename K, typename V>
class LRUCache {
    size_t capacity;
    list<pair<K, V>> items;
    unordered_map<K, typename list<pair<K, V>>::iterator> index;

public:
    explicit LRUCache(size_t cap) : capacity(cap) {}
    bool get(const K &key, V &out) {
        auto it = index.find(key);
        if (it == index.end()) return false;
        items.splice(items.begin(), items, it->second);
        out = it->second->second;
        return true;
    }
    void put(const K &key, const V &value) {
        auto it = index.find(key);
        if (it != index.end()) {
            it->second->second = value;
            items.splice(items.begin(), items, it->second);
            return;
        }
        if (items.size() == capacity) {
            index.erase(items.back().first);
            items.pop_back();
        }
        items.emplace_front(key, value);
        index[key] = items.begin();
    }
};

int main() {
    size_t cap;
    int q;
    cin >> cap >> q;
    LRUCache<int, string> cache(cap);
    while (q--) {
        string op;
        int key;
        cin >> op >> key;
        if (op == "put") {
            string val;
            cin >> val;
            cache.put(key, val);
        } else {
            string val;
            cout << (cache.get(key, val) ? val : string("miss")) << "\n";
        }
    }
}
