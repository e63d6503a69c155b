#include <stdio.h>
#include <math.h>
using namespace std;
float truncate_number(float number){
    return number-int(number) );
}
