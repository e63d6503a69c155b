#include <bits/stdc++.h>
using namespace std;

// Parse "key=value" lines into a config and answer typed lookups
class Config {
    map<string, string> values;

    static string trim(const string &s) {
        size_t b = s.find_first_not_of(" \t");
        if (b == string::npos) return "";
        size_t e = s.find_last_not_of(" \t");
        return s.substr(b, e - b + 1);
    }

public:
    void load(istream &in) {
        string line;
        while (getline(in, line)) {
            auto hash = line.find('#');
            if (hash != string::npos) line = line.substr(0, hash);
            auto eq = line.find('=');
            if (eq == string::npos) continue;
            values[trim(line.substr(0, eq))] = trim(line.substr(eq + 1));
        }
    }
    int getInt(const string &key, int def) const {
        auto it = values.find(key);
        return it == values.end() ? def : stoi(it->second);
    }
    string getString(const string &key, const string &def = "") const {
        auto it = values.find(key);
        return it == values.end() ? def : it->second;
    }
    size_t size() const { return values.size(); }
};

int main() {
    Config cfg;
    cfg.load(cin);
    cout << cfg.size() << " keys\n";
    cout << "port=" << cfg.getInt("port", 8080) << "\n";
    cout << "host=" << cfg.getString("host", "localhost") << "\n";
}
