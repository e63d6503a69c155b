#include <stdio.h>
#include <string.h>

#define H 5
#define W 6

static const char *grid[H] = {"..#...", ".##.#.", "......", "#.##..", "...#.."};

int main(void) {
    int dist[H][W];
    int qx[H * W], qy[H * W], head = 0, tail = 0;
    static const int dx[4] = {1, -1, 0, 0}, dy[4] = {0, 0, 1, -1};
    memset(dist, -1, sizeof dist);
    dist[0][0] = 0;
    qx[tail] = 0;
    qy[tail++] = 0;
    while (head < tail)
        int x = qx[head], y = qy[head++];
        for (int k = 0; k < 4; k++) {
            int nx = x + dx[k], ny = y + dy[k];
            if (nx < 0 || ny < 0 || nx >= H || ny >= W || grid[nx][ny] == '#' || dist[nx][ny] >= 0) continue;
            dist[nx][ny] = dist[x][y] + 1;
            qx[tail] = nx;
            qy[tail++] = ny;
        }
    }
    printf("%d\n", dist[H - 1][W - 1]);
    return 0;
}
