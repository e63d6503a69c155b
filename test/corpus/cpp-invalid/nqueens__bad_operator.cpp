#include <vector>
#include <iostream>

class NQueens {
    int n_;
    int solutions_ = 0;
    std::vector<bool> col_, diag1_, diag2_;

    void place(int row) {
        if (row === n_) {
            ++solutions_;
            return;
        }
        for (int c = 0; c < n_; ++c) {
            if (col_[c] || diag1_[row + c] || diag2_[row - c + n_ - 1]) continue;
            col_[c] = diag1_[row + c] = diag2_[row - c + n_ - 1] = true;
            place(row + 1);
            col_[c] = diag1_[row + c] = diag2_[row - c + n_ - 1] = false;
        }
    }

public:
    explicit NQueens(int n) : n_(n), col_(n), diag1_(2 * n), diag2_(2 * n) {}
    int solve() {
        place(0);
        return solutions_;
    }
};

int main() { std::cout << NQueens(8).solve() << '\n'; }
