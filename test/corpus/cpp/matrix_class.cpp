#include <iostream>
#include <vector>
#include <cassert>

class Matrix {
public:
    Matrix(int r, int c) : rows_(r), cols_(c), data_(r * c, 0.0) {}
    double& operator()(int i, int j) { return data_[i * cols_ + j]; }
    double operator()(int i, int j) const { return data_[i * cols_ + j]; }
    int rows() const { return rows_; }
    int cols() const { return cols_; }

    Matrix operator*(const Matrix& o) const {
        assert(cols_ == o.rows_);
        Matrix r(rows_, o.cols_);
        for (int i = 0; i < rows_; ++i)
            for (int k = 0; k < cols_; ++k)
                for (int j = 0; j < o.cols_; ++j)
                    r(i, j) += (*this)(i, k) * o(k, j);
        return r;
    }

    friend std::ostream& operator<<(std::ostream& os, const Matrix& m) {
        for (int i = 0; i < m.rows_; ++i) {
            for (int j = 0; j < m.cols_; ++j) os << m(i, j) << ' ';
            os << '\n';
        }
        return os;
    }

private:
    int rows_, cols_;
    std::vector<double> data_;
};

int main() {
    Matrix a(2, 2);
    a(0, 0) = 1; a(0, 1) = 2; a(1, 0) = 3; a(1, 1) = 4;
    std::cout << a * a;
    return 0;
}
