#include <stdio.h>
#include <string>
using namespace std;
string string_sequence(int n){
    string out="0";
    for (int i=1,i<=n,i++)
    out=out+" "+to_string(i);
    return out;
}
