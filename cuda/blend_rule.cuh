// The per-pixel blend rule, the same IEEE-754 operations in the same order as the Java
// org.flashsplat.raster.cpu.BlendRule (power, deterministic exp, alpha) and TileScratch.blend
// (the stop test), so CPU and GPU produce the same bits. Every operation is spelled out with a
// round-to-nearest intrinsic (__fmaf_rn, __fmul_rn, __fadd_rn, __fsub_rn), which nvcc never
// contracts or approximates whatever -fmad or --use_fast_math say.
//
// Host builds (the bit-for-bit test in BlendRuleCudaHostTest) define FS_HOST_SHIM: the same
// operations through C's fmaf and plain float arithmetic, compiled with -ffp-contract=off.
#pragma once
#include <stdint.h>
#include <string.h>

#ifdef FS_HOST_SHIM
#include <math.h>
#define FS_FN static inline
#define FS_FMA(a, b, c) fmaf((a), (b), (c))
#define FS_MUL(a, b) ((float)(a) * (float)(b))
#define FS_ADD(a, b) ((float)(a) + (float)(b))
#define FS_SUB(a, b) ((float)(a) - (float)(b))
static inline int fsFloatAsInt(float f) { int i; memcpy(&i, &f, 4); return i; }
static inline float fsIntAsFloat(int i) { float f; memcpy(&f, &i, 4); return f; }
#define fsMinMaxBase(a, b, pick) ((a) != (a) ? (a) : (b) != (b) ? (b) : (pick))
#else
#define FS_FN __device__ __forceinline__
#define FS_FMA(a, b, c) __fmaf_rn((a), (b), (c))
#define FS_MUL(a, b) __fmul_rn((a), (b))
#define FS_ADD(a, b) __fadd_rn((a), (b))
#define FS_SUB(a, b) __fsub_rn((a), (b))
#define fsFloatAsInt __float_as_int
#define fsIntAsFloat __int_as_float
#define fsMinMaxBase(a, b, pick) ((a) != (a) ? (a) : (b) != (b) ? (b) : (pick))
#endif

// Java's Math.min / Math.max: NaN propagates (fminf / fmaxf would drop it). Signed zeros never
// meet here: one operand is always a non-zero constant.
FS_FN float fsMin(float a, float b) { return fsMinMaxBase(a, b, a <= b ? a : b); }
FS_FN float fsMax(float a, float b) { return fsMinMaxBase(a, b, a >= b ? a : b); }

#define FS_ALPHA_CAP 0.99f
#define FS_ALPHA_MIN (1.0f / 255.0f)
#define FS_T_STOP 0.0001f

// e^x within 2 ulp, clamped to [-87, 88]: 2^k * exp(r), k = round(x / ln 2) by the 1.5 * 2^23
// trick, r = x - k ln 2 in two fma steps (Cody and Waite), exp(r) = 1 + r + r^2 P(r) (Cephes).
FS_FN float fsExp(float x) {
    x = fsMin(fsMax(x, -87.0f), 88.0f);
    const float rounder = 12582912.0f;
    float t = FS_FMA(x, 1.44269504f, rounder);
    float k = FS_SUB(t, rounder);
    int scaleBits = (fsFloatAsInt(t) - fsFloatAsInt(rounder) + 127) << 23;
    float r = FS_FMA(-k, 0.693147182f, x);
    r = FS_FMA(-k, -1.90465421e-09f, r);
    float p = FS_FMA(1.9875691500e-4f, r, 1.3981999507e-3f);
    p = FS_FMA(p, r, 8.3334519073e-3f);
    p = FS_FMA(p, r, 4.1665795894e-2f);
    p = FS_FMA(p, r, 1.6666665459e-1f);
    p = FS_FMA(p, r, 5.0000001201e-1f);
    float y = FS_ADD(FS_FMA(p, FS_MUL(r, r), r), 1.0f);
    return FS_MUL(y, fsIntAsFloat(scaleBits));
}

// -0.5 (a dx^2 + c dy^2) - b dx dy, evaluated left to right as Java does.
FS_FN float fsPower(float a, float b, float c, float dx, float dy) {
    float q = FS_ADD(FS_MUL(FS_MUL(a, dx), dx), FS_MUL(FS_MUL(c, dy), dy));
    return FS_SUB(FS_MUL(-0.5f, q), FS_MUL(FS_MUL(b, dx), dy));
}

// Alpha of the pair, or 0 where it does not blend.
FS_FN float fsAlpha(float opacity, float power, float powerMin) {
    if (power > 0.0f || power < powerMin) return 0.0f;
    float alpha = fsMin(FS_ALPHA_CAP, FS_MUL(opacity, fsExp(power)));
    return alpha < FS_ALPHA_MIN ? 0.0f : alpha;
}

// One pixel-Gaussian step: the weight alpha * T (0 when the pair does not blend), T lowered; or
// 0 with done set when T would fall below T_STOP (that Gaussian does not count).
FS_FN float fsBlendStep(float gx, float gy, float a, float b, float c, float opacity,
                        float powerMin, float u, float v, float& T, bool& done) {
    float alpha = fsAlpha(opacity, fsPower(a, b, c, FS_SUB(gx, u), FS_SUB(gy, v)), powerMin);
    if (alpha == 0.0f) return 0.0f;
    float testT = FS_MUL(T, FS_SUB(1.0f, alpha));
    if (testT < FS_T_STOP) {
        done = true;
        return 0.0f;
    }
    float w = FS_MUL(alpha, T);
    T = testT;
    return w;
}

// Contributions.toFixed: w * 2^32 truncated (w <= 0.99, so it fits 32 bits).
FS_FN uint32_t fsToFixed(float w) { return (uint32_t)(int64_t)((double)w * 4294967296.0); }
