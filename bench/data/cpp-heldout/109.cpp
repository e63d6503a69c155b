#include <bits/stdc++.h>
using namespace std;

// Library system: books, members, loans, with exceptions for bad operations
class LibraryError : public runtime_error {
public:
    using runtime_error::runtime_error;
};

class Library {
    map<int, string> titles;
    map<int, int> loanedTo;  // book -> member

public:
    void addBook(int id, string title) {
        if (titles.count(id)) throw LibraryError("duplicate book " + to_string(id));
        titles[id] = std::move(title);
    }
    void lend(int book, int member) {
        if (!titles.count(book)) throw LibraryError("no such book " + to_string(book));
        if (loanedTo.count(book)) throw LibraryError("book already lent");
        loanedTo[book] = member;
    }
    void giveBack(int book) {
        if (loanedTo.erase(book) == 0) throw LibraryError("book was not lent");
    }
    size_t available() const { return titles.size() - loanedTo.size(); }
};

int main() {
    Library lib;
    string op;
    while (cin >> op) {
        try {
            if (op == "add") {
                int id;
                string title;
                cin >> id >> title;
                lib.addBook(id, title);
            } else if (op == "lend") {
                int b, m;
                cin >> b >> m;
                lib.lend(b, m);
            } else if (op == "return") {
                int b;
                cin >> b;
                lib.giveBack(b);
            }
            cout << "ok, " << lib.available() << " available\n";
        } catch (const LibraryError &e) {
            cout << "error: " << e.what() << '\n';
        }
    }
}
