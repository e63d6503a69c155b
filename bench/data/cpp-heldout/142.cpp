#include <bits/stdc++.h>
using namespace std;

// Activity of a simple bank ledger with std::variant commands
struct Deposit { long long amount; };
struct Withdraw { long long amount; };
struct Report {};
using Command = variant<Deposit, Withdraw, Report>;

int main() {
    vector<Command> cmds;
    string op;
    while (cin >> op) {
        if (op == "d") {
            long long a;
            cin >> a;
            cmds.push_back(Deposit{a});
        } else if (op == "w") {
            long long a;
            cin >> a;
            cmds.push_back(Withdraw{a});
        } else {
            cmds.push_back(Report{});
        }
    }
    long long balance = 0;
    int rejected = 0;
    for (const auto &c : cmds) {
        if (holds_alternative<Deposit>(c)) {
            balance += get<Deposit>(c).amount;
        } else if (auto w = get_if<Withdraw>(&c)) {
            if (w->amount > balance) ++rejected;
            else balance -= w->amount;
        } else {
            cout << "balance " << balance << ", rejected " << rejected << '\n';
        }
    }
}
