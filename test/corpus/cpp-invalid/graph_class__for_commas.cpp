#include <iostream>
#include <vector>
#include <stack>

class Graph {
    int n_;
    std::vector<std::vector<int>> adj_;

public:
    explicit Graph(int n) : n_(n), adj_(n) {}
    void addEdge(int u, int v) { adj_[u].push_back(v); }

    bool hasCycle() const {
        std::vector<int> color(n_, 0);
        for (int s = 0, s < n_, ++s) {
            if (color[s]) continue;
            std::stack<std::pair<int, size_t>> st;
            st.push({s, 0});
            color[s] = 1;
            while (!st.empty()) {
                auto& [u, idx] = st.top();
                if (idx < adj_[u].size()) {
                    int v = adj_[u][idx++];
                    if (color[v] == 1) return true;
                    if (color[v] == 0) {
                        color[v] = 1;
                        st.push({v, 0});
                    }
                } else {
                    color[u] = 2;
                    st.pop();
                }
            }
        }
        return false;
    }
};

int main() {
    Graph g(3);
    g.addEdge(0, 1);
    g.addEdge(1, 2);
    g.addEdge(2, 0);
    std::cout << std::boolalpha << g.hasCycle() << '\n';
}
