// Shared definitions of the FlashSplat kernels. Compiled with -fmad=false so float and double
// arithmetic rounds exactly like the Java CPU reference (no fused multiply-add contraction).
#pragma once
#include <stdint.h>

#define TILE 16
#define BLOCK_PIXELS (TILE * TILE)
#define ALPHA_MIN (1.0f / 255.0f)
#define T_STOP 0.0001f
#define CULL_SLACK 1e-3
#define FULL_MASK 0xffffffffu

typedef unsigned long long u64;

// Sum over the 32 lanes of a warp (all lanes must call it). REDUX on sm_80+, shuffles before.
__device__ __forceinline__ unsigned warpSum(unsigned v) {
#if __CUDA_ARCH__ >= 800
    return __reduce_add_sync(FULL_MASK, v);
#else
    for (int o = 16; o > 0; o >>= 1) v += __shfl_xor_sync(FULL_MASK, v, o);
    return v;
#endif
}

__device__ __forceinline__ u64 warpSum64(u64 v) {
    for (int o = 16; o > 0; o >>= 1) v += __shfl_xor_sync(FULL_MASK, v, o);
    return v;
}

// Adds per-thread statistics of a block into stats[0..2] (one atomic per warp and counter).
__device__ __forceinline__ void addStats(u64* stats, u64 a, u64 b, u64 c) {
    a = warpSum64(a);
    b = warpSum64(b);
    c = warpSum64(c);
    if ((threadIdx.x & 31) == 0) {
        if (a) atomicAdd(stats, a);
        if (b) atomicAdd(stats + 1, b);
        if (c) atomicAdd(stats + 2, c);
    }
}
