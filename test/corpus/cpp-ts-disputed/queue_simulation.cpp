#include <queue>
#include <vector>
#include <iostream>
#include <functional>

struct Event {
    int time;
    int id;
    bool operator>(const Event& o) const { return time > o.time || (time == o.time && id > o.id); }
};

int main() {
    std::priority_queue<Event, std::vector<Event>, std::greater<Event>> events;
    events.push({5, 1});
    events.push({2, 2});
    events.push({5, 0});
    int processed = 0;
    while (!events.empty()) {
        Event e = events.top();
        events.pop();
        std::cout << e.time << ':' << e.id << '\n';
        if (e.id < 3 && processed++ < 4) events.push(Event{e.time + 3, e.id + 3});
    }
}
