#include <bits/stdc++.h>
using namespace std;

// Elevator-free traffic light simulation at an intersection, second by second
struct Light {
    int green, yellow, red;
    int phaseAt(int t) const {
        int cycle = green + yellow + red;
        int x = t % cycle;
        if (x < green) return 0;
        if (x < green + yellow) return 1;
        return 2;
    }
};

int main() {
    Light ns{30, 5, 35}, ew{35, 5, 30};
    int seconds;
    cin >> seconds;
    int carsNS = 0, carsEW = 0, passedNS = 0, passedEW = 0;
    for (int t = 0; t < seconds; ++t) {
        if (t % 3 == 0) ++carsNS;
        if (t % 4 == 0) ++carsEW;
        // east-west light is offset so the two directions alternate
        if (ns.phaseAt(t) == 0 && carsNS > 0) --carsNS, ++passedNS;
        if (ew.phaseAt(t + 35) == 0 && carsEW > 0) --carsEW, ++passedEW;
    }
    cout << "NS passed " << passedNS << " waiting " << carsNS << '\n';
    cout << "EW passed " << passedEW << " waiting " << carsEW << '\n';
}
