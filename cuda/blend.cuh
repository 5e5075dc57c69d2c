// Front-to-back blending, one block per 16x16 tile and one thread per pixel, with the per-pixel
// rules of org.flashsplat.raster.cpu.TileBlender. Gaussians are staged through shared memory in
// batches of BLOCK_PIXELS.
#pragma once
#include <limits.h>
#include "common.cuh"
#include "blend_rule.cuh"
#include "sparse.cuh"

#define SLOTS 8  // distinct labels per tile reduced in shared memory; more go straight to global

struct Staged {
    int index;
    float2 xy;
    float4 conicO;
    float powerMin;
};

// One pixel-Gaussian step with the shared rule of blend_rule.cuh (bit-identical to the CPU).
__device__ __forceinline__ float blendStep(const Staged& s, float u, float v, float& T,
                                           bool& done) {
    return fsBlendStep(s.xy.x, s.xy.y, s.conicO.x, s.conicO.y, s.conicO.z, s.conicO.w,
                       s.powerMin, u, v, T, done);
}

// Per (Gaussian, label) of a tile's batch, the sum of fixed-point weights becomes one record
// (sparse.cuh): no table of labels x Gaussians on the device, and every label in one pass. Tiles
// without a label are skipped. Per Gaussian and label, lanes of a warp are summed with a warp
// reduction, warps in a shared slot (the tile's first SLOTS labels), and each slot becomes one
// record per batch; labels beyond the slots give one record per warp group. Integer sums
// throughout, so the result is deterministic.
extern "C" __global__ void __launch_bounds__(BLOCK_PIXELS) accumulateTiles(const uint2* ranges, const unsigned* vals,
                                           const float2* xy, const float4* conicO,
                                           const float* powerMin, const int* labels, int width,
                                           int height, int gridX, u64* recordKeys,
                                           u64* recordSums, unsigned long long recordCapacity,
                                           u64* stats) {
    __shared__ Staged staged[BLOCK_PIXELS];
    __shared__ u64 acc[BLOCK_PIXELS * SLOTS];
    __shared__ int slotLabel[SLOTS];
    __shared__ int candidate, slotCount;
    int tile = blockIdx.x, tid = threadIdx.x, lane = tid & 31;
    int u = (tile % gridX) * TILE + (tid % TILE), v = (tile / gridX) * TILE + tid / TILE;
    bool inside = u < width && v < height;
    int label = inside ? labels[(size_t)v * width + u] : -1;  // < 65536, checked by the host
    if (!__syncthreads_or(label >= 0)) return;

    // Give the tile's distinct labels slots 0..SLOTS-1, smallest first.
    int slot = -1;
    bool pending = label >= 0;
    if (tid == 0) slotCount = 0;
    for (int s = 0; s < SLOTS; s++) {
        if (tid == 0) candidate = INT_MAX;
        __syncthreads();
        if (pending) atomicMin(&candidate, label);
        __syncthreads();
        int c = candidate;
        if (c == INT_MAX) break;
        if (pending && label == c) {
            slot = s;
            pending = false;
        }
        if (tid == 0) {
            slotLabel[s] = c;
            slotCount = s + 1;
        }
        __syncthreads();
    }
    __syncthreads();
    int slots = slotCount;
    for (int e = tid; e < BLOCK_PIXELS * SLOTS; e += BLOCK_PIXELS) acc[e] = 0;

    uint2 range = ranges[tile];
    unsigned count = range.y - range.x;
    float T = 1.0f, fu = (float)u, fv = (float)v;
    // Like the CPU, a pixel without a label is not blended at all: it adds nothing and is not
    // counted.
    bool done = label < 0;
    u64 walked = 0, evaluated = 0, blended = 0;
    for (unsigned base = 0; base < count; base += BLOCK_PIXELS) {
        if (__syncthreads_count(!done) == 0) break;
        if (base + tid < count) {
            unsigned g = vals[range.x + base + tid];
            staged[tid] = Staged{(int)g, xy[g], conicO[g], powerMin[g]};
        }
        __syncthreads();
        int m = (int)min((unsigned)BLOCK_PIXELS, count - base);
        for (int j = 0; j < m; j++) {
            unsigned fixed = 0;  // w <= 0.99, so w * 2^32 fits in 32 bits
            if (!done) {
                walked++;
                evaluated++;
                float w = blendStep(staged[j], fu, fv, T, done);
                if (w > 0.0f) {
                    blended++;
                    fixed = fsToFixed(w);
                }
            }
            unsigned mask = __ballot_sync(FULL_MASK, fixed != 0);
            while (mask) {  // one round per distinct label among the contributing lanes
                int leader = __ffs(mask) - 1;
                int l = __shfl_sync(FULL_MASK, label, leader);
                int sl = __shfl_sync(FULL_MASK, slot, leader);
                bool mine = fixed != 0 && label == l;
                unsigned group = __ballot_sync(FULL_MASK, mine);
                unsigned val = mine ? fixed : 0;
                // 16-bit halves: 32 of them cannot overflow 32 bits
                unsigned lo = warpSum(val & 0xffffu), hi = warpSum(val >> 16);
                if (lane == leader) {
                    u64 sum = ((u64)hi << 16) + lo;
                    if (sl >= 0)
                        atomicAdd(&acc[j * SLOTS + sl], sum);
                    else
                        appendRecord(recordKeys, recordSums, stats + 3, recordCapacity,
                                     recordKey(staged[j].index, l), sum);
                }
                mask &= ~group;
            }
        }
        __syncthreads();
        // the same trip count for every thread, so whole warps append together
        for (int at = 0; at < m * SLOTS; at += BLOCK_PIXELS) {
            int e = at + tid, s = e % SLOTS;
            u64 a = e < m * SLOTS && s < slots ? acc[e] : 0;
            if (a != 0) acc[e] = 0;
            appendRecordWarp(a != 0, recordKeys, recordSums, stats + 3, recordCapacity,
                             a != 0 ? recordKey(staged[e / SLOTS].index, slotLabel[s]) : 0, a);
        }
    }
    addStats(stats, walked, evaluated, blended);
}

// Render: colour (rgb per Gaussian precomputed), alpha, expected depth, and per object k the
// weight and depth-weighted sums (objects listed per Gaussian in CSR form: objStart/objList).
// Output planes are zeroed before; each pixel is owned by one thread, so no atomics.
extern "C" __global__ void __launch_bounds__(BLOCK_PIXELS) renderTiles(const uint2* ranges, const unsigned* vals, const float2* xy,
                                       const float4* conicO, const float* powerMin,
                                       const float* depth, const float* rgb,
                                       const unsigned* objStart, const unsigned* objList,
                                       int width, int height, int gridX, float bgR, float bgG,
                                       float bgB, float* outAlpha, float* outRgb,
                                       float* outDepth, float* objWeight, float* objDepth) {
    __shared__ Staged staged[BLOCK_PIXELS];
    __shared__ float stagedDepth[BLOCK_PIXELS];
    int tile = blockIdx.x, tid = threadIdx.x;
    int u = (tile % gridX) * TILE + (tid % TILE), v = (tile / gridX) * TILE + tid / TILE;
    bool inside = u < width && v < height;
    size_t pixel = inside ? (size_t)v * width + u : 0, plane = (size_t)width * height;
    uint2 range = ranges[tile];
    unsigned count = range.y - range.x;
    float T = 1.0f, fu = (float)u, fv = (float)v, r = 0, g = 0, b = 0, z = 0;
    bool done = !inside;
    for (unsigned base = 0; base < count; base += BLOCK_PIXELS) {
        if (__syncthreads_count(!done) == 0) break;
        if (base + tid < count) {
            unsigned i = vals[range.x + base + tid];
            staged[tid] = Staged{(int)i, xy[i], conicO[i], powerMin[i]};
            stagedDepth[tid] = depth[i];
        }
        __syncthreads();
        int m = (int)min((unsigned)BLOCK_PIXELS, count - base);
        for (int j = 0; j < m && !done; j++) {
            float w = blendStep(staged[j], fu, fv, T, done);
            if (w == 0.0f) continue;
            int i = staged[j].index;
            if (rgb != nullptr) {
                r += rgb[3 * (size_t)i] * w;
                g += rgb[3 * (size_t)i + 1] * w;
                b += rgb[3 * (size_t)i + 2] * w;
            }
            float zw = stagedDepth[j] * w;
            z += zw;
            if (objStart != nullptr) {
                for (unsigned k = objStart[i]; k < objStart[i + 1]; k++) {
                    size_t at = objList[k] * plane + pixel;
                    objWeight[at] += w;
                    objDepth[at] += zw;
                }
            }
        }
    }
    if (!inside) return;
    outAlpha[pixel] = 1.0f - T;
    if (outRgb != nullptr) {
        outRgb[3 * pixel] = r + T * bgR;
        outRgb[3 * pixel + 1] = g + T * bgG;
        outRgb[3 * pixel + 2] = b + T * bgB;
    }
    if (outDepth != nullptr) outDepth[pixel] = T < 1.0f ? z / (1.0f - T) : z;
}
