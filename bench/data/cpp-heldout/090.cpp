#include <bits/stdc++.h>
using namespace std;

// Generic matrix with templates and operator overloading
template <typename T, size_t R, size_t C>
struct Mat {
    array<array<T, C>, R> d{};
    T &operator()(size_t i, size_t j) { return d[i][j]; }
    const T &operator()(size_t i, size_t j) const { return d[i][j]; }

    template <size_t K>
    Mat<T, R, K> operator*(const Mat<T, C, K> &o) const {
        Mat<T, R, K> res;
        for (size_t i = 0; i < R; ++i)
            for (size_t k = 0; k < C; ++k)
                for (size_t j = 0; j < K; ++j) res(i, j) += d[i][k] * o(k, j);
        return res;
    }
    Mat<T, C, R> transpose() const {
        Mat<T, C, R> t;
        for (size_t i = 0; i < R; ++i)
            for (size_t j = 0; j < C; ++j) t(j, i) = d[i][j];
        return t;
    }
};

template <typename T, size_t R, size_t C>
ostream &operator<<(ostream &os, const Mat<T, R, C> &m) {
    for (size_t i = 0; i < R; ++i) {
        for (size_t j = 0; j < C; ++j) os << m(i, j) << (j + 1 == C ? '\n' : ' ');
    }
    return os;
}

int main() {
    Mat<int, 2, 3> a;
    int v = 1;
    for (size_t i = 0; i < 2; ++i)
        for (size_t j = 0; j < 3; ++j) a(i, j) = v++;
    auto g = a * a.transpose();
    cout << g;
    return 0;
}
