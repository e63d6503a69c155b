#include <bits/stdc++.h>
using namespace std;

// Date utilities: day of week and days between dates
struct Date {
    int y, m, d;
};

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

long long toDays(const Date &dt) {
    static const int cum[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    long long y = dt.y - 1;
    long long days = y * 365 + y / 4 - y / 100 + y / 400;
    days += cum[dt.m - 1] + dt.d;
    if (dt.m > 2 && leap(dt.y)) ++days;
    return days;
}

const char *weekday(const Date &dt) {
    static const char *names[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
    return names[toDays(dt) % 7];
}

int main() {
    Date a, b;
    char sep;
    cin >> a.y >> sep >> a.m >> sep >> a.d;
    cin >> b.y >> sep >> b.m >> sep >> b.d;
    cout << weekday(a) << ' ' << weekday(b) << '\n';
    cout << llabs(toDays(b) - toDays(a)) << " days apart\n";
}
