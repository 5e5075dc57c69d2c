// Host build of cuda/blend_rule.cuh for BlendRuleCudaHostTest: reads records of 11 little-endian
// floats (gx, gy, a, b, c, opacity, powerMin, u, v, T, x) from stdin and writes, per record, 5
// little-endian 32-bit words: bits of fsExp(x), of the weight, of the new T, the done flag and
// fsToFixed(weight). Build: g++ -O2 -ffp-contract=off -DFS_HOST_SHIM (see the test).
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include "../blend_rule.cuh"

int main() {
    enum { BATCH = 4096 };
    static float in[BATCH * 11];
    static uint32_t out[BATCH * 5];
    size_t n;
    while ((n = fread(in, 44, BATCH, stdin)) > 0) {
        for (size_t k = 0; k < n; k++) {
            const float* r = in + 11 * k;
            float T = r[9];
            bool done = false;
            float w = fsBlendStep(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], T, done);
            float e = fsExp(r[10]);
            uint32_t* o = out + 5 * k;
            memcpy(o, &e, 4);
            memcpy(o + 1, &w, 4);
            memcpy(o + 2, &T, 4);
            o[3] = done ? 1u : 0u;
            o[4] = fsToFixed(w);
        }
        if (fwrite(out, 20, n, stdout) != n) return 1;
    }
    return fflush(stdout) == 0 ? 0 : 1;
}
