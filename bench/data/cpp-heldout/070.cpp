#include <bits/stdc++.h>
using namespace std;

// Inventory system with an abstract base class and a registry
class Item {
public:
    virtual ~Item() {}
    virtual string name() const = 0;
    virtual double price() const = 0;
    virtual double tax() const { return price() * 0.1; }
};

class Book : public Item {
    string title;
    double cost;

public:
    Book(string t, double c) : title(t), cost(c) {}
    string name() const override { return "Book: " + title; }
    double price() const override { return cost; }
    double tax() const override { return 0; }
};

class Gadget : public Item {
    string model;
    double cost;

public:
    Gadget(string m, double c) : model(m), cost(c) {}
    string name() const override { return "Gadget: " + model; }
    double price() const override { return cost; }
};

int main() {
    vector<shared_ptr<Item>> cart;
    string kind, label;
    double cost;
    while (cin >> kind >> label >> cost) {
        if (kind == "book") cart.push_back(make_shared<Book>(label, cost));
        else cart.push_back(make_shared<Gadget>(label, cost));
    }
    double total = 0;
    for (const auto &it : cart) {
        double line = it->price() + it->tax();
        total += line;
        cout << it->name() << " " << fixed << setprecision(2) << line << "\n";
    }
    cout << "Total " << total << "\n";
}
