#include <bits/stdc++.h>
using namespace std;

class BankAccount {
    string owner_;
    long long balance_;

public:
    BankAccount(string owner, long long initial) : owner_(std::move(owner)), balance_(initial) {}
    virtual ~BankAccount() = default;
    const string &owner() const { return owner_; }
    long long balance() const { return balance_; }
    virtual bool withdraw(long long amount) {
        if (amount > balance_) return false;
        balance_ -= amount;
        return true;
    }
    void deposit(long long amount) { balance_ += amount; }
};

class CreditAccount : public BankAccount {
    long long limit_;

public:
    CreditAccount(string owner, long long initial, long long limit)
        : BankAccount(std::move(owner), initial), limit_(limit) {}
    bool withdraw(long long amount) override {
        if (amount > balance() + limit_) return false;
        deposit(-amount);
        return true;
    }
};

int main() {
    int n;
    cin >> n;
    vector<unique_ptr<BankAccount>> accounts;
    for (int i = 0; i < n; i++) {
        string name, kind;
        long long init;
        cin >> name >> kind >> init;
        if (kind == "credit") {
            long long lim;
            cin >> lim;
            accounts.push_back(make_unique<CreditAccount>(name, init, lim));
        } else {
            accounts.push_back(make_unique<BankAccount>(name, init));
        }
    }
    int q;
    cin >> q;
    while (q--) {
        int id;
        long long amt;
        cin >> id >> amt;
        bool ok = accounts[id]->withdraw(amt);
        cout << accounts[id]->owner() << (ok ? " ok " : " denied ") << accounts[id]->balance() << '\n';
    }
}
