#include <bits/stdc++.h>
using namespace std;

// Observer pattern: an event bus with subscribers as std::function
class EventBus {
    unordered_map<string, vector<function<void(const string &)>>> handlers;

public:
    void subscribe(const string &topic, function<void(const string &)> fn) { handlers[topic].push_back(std::move(fn)); }
    int publish(const string &topic, const string &payload) const {
        auto it = handlers.find(topic);
        if (it == handlers.end()) return 0;
        for (const auto &fn : it->second) fn(payload);
        return it->second.size();
    }
};

int main() {
    EventBus bus;
    int received = 0;
    vector<string> log;
    bus.subscribe("order", [&](const string &p) {
        ++received;
        log.push_back("billing saw " + p);
    });
    bus.subscribe("order", [&log](const string &p) { log.push_back("shipping saw " + p); });
    bus.subscribe("refund", [&](const string &p) { log.push_back("refund " + p); });
    string topic, payload;
    while (cin >> topic >> payload) {
        int n = bus.publish(topic, payload);
        if (n == 0) log.push_back("nobody listens to " + topic);
    }
    for (const auto &line : log) cout << line << '\n';
    cout << received << " orders\n";
}
