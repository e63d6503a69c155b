#include <stdio.h>
#include <string>
#include <algorithm>
#include <cstdlib>
using namespace std;
string compare_one_str(string a, string b){
    double na=atof(a.c_str()), nb=atof(b.c_str());
    if (na==nb) return "None";
    return na>nb ? a : b;
}
