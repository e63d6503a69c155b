#include <bits/stdc++.h>
using namespace std;

// Simple text adventure state machine driven by commands
enum State { HALL, KITCHEN, CELLAR, GARDEN, DONE };

const char *roomName(State s) {
    switch (s) {
        case HALL: return "hall";
        case KITCHEN: return "kitchen";
        case CELLAR: return "cellar";
        case GARDEN: return "garden";
        default: return "outside";
    }
}

int main() {
    State s = HALL;
    bool hasKey = false;
    string cmd;
    int moves = 0;
    while (s != DONE && cin >> cmd) {
        ++moves;
        if (cmd == "north" && s == HALL) s = KITCHEN;
        else if (cmd == "south" && s == KITCHEN) s = HALL;
        else if (cmd == "down" && s == KITCHEN) s = CELLAR;
        else if (cmd == "up" && s == CELLAR) s = KITCHEN;
        else if (cmd == "take" && s == CELLAR) hasKey = true;
        else if (cmd == "east" && s == HALL) {
            if (hasKey) s = GARDEN;
            else cout << "the door is locked\n";
        } else if (cmd == "leave" && s == GARDEN) s = DONE;
        else cout << "you cannot " << cmd << " here\n";
        cout << "[" << moves << "] " << roomName(s) << '\n';
    }
    cout << (s == DONE ? "escaped" : "still inside") << " after " << moves << " moves\n";
}
