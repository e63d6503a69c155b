#include <iostream>
#include <string>
#include <vector>
#include <stdexcept>

class Account {
public:
    Account(std::string owner, double balance = 0.0) : owner_(std::move(owner)), balance_(balance) {}
    virtual ~Account() {}
    void deposit(double amt) {
        if (amt <= 0) throw std::invalid_argument("amount");
        balance_ += amt;
        history_.push_back(amt);
    }
    virtual bool withdraw(double amt) {
        if (amt > balance_) return false;
        balance_ -= amt;
        history_.push_back(-amt);
        return true;
    }
    double balance() const { return balance_; }
    const std::string& owner() const { return owner_; }

protected:
    std::string owner_;
    double balance_;
    std::vector<double> history_;
};

class Overdraft : public Account {
    double limit_;
public:
    Overdraft(const std::string& o, double limit) : Account(o), limit_(limit) {}
    bool withdraw(double amt) override {
        if (amt > balance_ + limit_) return false;
        balance_ -= amt;
        return true;
    }
};

int main() {
    Overdraft acc("zoe", 100);
    acc.deposit(50);
    bool ok = acc.withdraw(120);
    std::cout << acc.owner() << ' ' << ok << ' ' << acc.balance() << '\n';
