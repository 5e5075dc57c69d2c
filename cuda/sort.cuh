// Prefix scan and a stable LSD radix sort (8-bit digits) of 32-bit keys with 32-bit values.
// The host drives the passes (see org.flashsplat.raster.cuda.DeviceSort).
#pragma once
#include "common.cuh"

#define SCAN_THREADS 256
#define SCAN_ITEMS 8
#define SCAN_CHUNK (SCAN_THREADS * SCAN_ITEMS)
#define RADIX_THREADS 256
#define RADIX_BINS 256
#define RADIX_WARPS (RADIX_THREADS / 32)

// Exclusive scan of a block of SCAN_CHUNK values in place (in may equal out); the block's total
// goes to sums[blockIdx.x] so the host can scan those and add them back with scanAdd.
extern "C" __global__ void scanBlocks(unsigned n, const unsigned* in, unsigned* out,
                                      unsigned* sums) {
    __shared__ unsigned warpTotals[SCAN_THREADS / 32];
    size_t base = (size_t)blockIdx.x * SCAN_CHUNK + (size_t)threadIdx.x * SCAN_ITEMS;
    unsigned v[SCAN_ITEMS];
    unsigned local = 0;
    for (int k = 0; k < SCAN_ITEMS; k++) {
        v[k] = base + k < n ? in[base + k] : 0;
        local += v[k];
    }
    int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    unsigned incl = local;
    for (int o = 1; o < 32; o <<= 1) {
        unsigned t = __shfl_up_sync(FULL_MASK, incl, o);
        if (lane >= o) incl += t;
    }
    if (lane == 31) warpTotals[warp] = incl;
    __syncthreads();
    if (warp == 0) {
        unsigned t = lane < SCAN_THREADS / 32 ? warpTotals[lane] : 0, s = t;
        for (int o = 1; o < 32; o <<= 1) {
            unsigned u = __shfl_up_sync(FULL_MASK, s, o);
            if (lane >= o) s += u;
        }
        if (lane < SCAN_THREADS / 32) warpTotals[lane] = s - t;
        if (lane == SCAN_THREADS / 32 - 1) sums[blockIdx.x] = s;
    }
    __syncthreads();
    unsigned run = warpTotals[warp] + incl - local;
    for (int k = 0; k < SCAN_ITEMS; k++) {
        if (base + k < n) out[base + k] = run;
        run += v[k];
    }
}

extern "C" __global__ void scanAdd(unsigned n, unsigned* data, const unsigned* sums) {
    size_t base = (size_t)blockIdx.x * SCAN_CHUNK + (size_t)threadIdx.x * SCAN_ITEMS;
    unsigned add = sums[blockIdx.x];
    for (int k = 0; k < SCAN_ITEMS; k++)
        if (base + k < n) data[base + k] += add;
}

// Digit counts of one block's chunk, stored digit-major (hist[d * blocks + b]) so a single
// exclusive scan over hist gives every block its first output position per digit.
extern "C" __global__ void radixHistogram(unsigned n, const unsigned* keys, int shift,
                                          unsigned chunk, unsigned* hist) {
    __shared__ unsigned counts[RADIX_BINS];
    counts[threadIdx.x] = 0;
    __syncthreads();
    size_t begin = (size_t)blockIdx.x * chunk, end = min((size_t)n, begin + chunk);
    for (size_t k = begin + threadIdx.x; k < end; k += RADIX_THREADS)
        atomicAdd(&counts[(keys[k] >> shift) & 0xff], 1u);
    __syncthreads();
    hist[(size_t)threadIdx.x * gridDim.x + blockIdx.x] = counts[threadIdx.x];
}

// Stable scatter: the block walks its chunk in rounds of RADIX_THREADS keys in order; within a
// round a key's rank among equal digits comes from the warp's match mask and the counts of the
// warps before it, so equal keys keep their input order (which makes ties resolve by index).
extern "C" __global__ void radixScatter(unsigned n, const unsigned* keysIn, const unsigned* valsIn,
                                        unsigned* keysOut, unsigned* valsOut, int shift,
                                        unsigned chunk, const unsigned* histScanned) {
    __shared__ unsigned offset[RADIX_BINS];
    __shared__ unsigned warpCount[RADIX_WARPS][RADIX_BINS];
    int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    offset[threadIdx.x] = histScanned[(size_t)threadIdx.x * gridDim.x + blockIdx.x];
    size_t begin = (size_t)blockIdx.x * chunk, end = min((size_t)n, begin + chunk);
    for (size_t round = begin; round < end; round += RADIX_THREADS) {
        for (int w = 0; w < RADIX_WARPS; w++) warpCount[w][threadIdx.x] = 0;
        __syncthreads();
        size_t k = round + threadIdx.x;
        bool valid = k < end;
        unsigned key = valid ? keysIn[k] : 0, val = valid ? valsIn[k] : 0;
        int digit = valid ? (int)((key >> shift) & 0xff) : -1;
        unsigned peers = __match_any_sync(FULL_MASK, digit);
        unsigned rank = __popc(peers & ((1u << lane) - 1));
        if (valid && rank == 0) warpCount[warp][digit] = __popc(peers);
        __syncthreads();
        // thread d turns the per-warp counts of digit d into start positions
        unsigned run = offset[threadIdx.x];
        for (int w = 0; w < RADIX_WARPS; w++) {
            unsigned c = warpCount[w][threadIdx.x];
            warpCount[w][threadIdx.x] = run;
            run += c;
        }
        offset[threadIdx.x] = run;
        __syncthreads();
        if (valid) {
            unsigned pos = warpCount[warp][digit] + rank;
            keysOut[pos] = key;
            valsOut[pos] = val;
        }
        __syncthreads();
    }
}

extern "C" __global__ void iota(unsigned n, unsigned* out) {
    unsigned i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) out[i] = i;
}

// counts[k] = tiles[order[k]]: the tile counts in depth order, to be scanned into offsets. Also
// sums them in 64 bits (zeroed before), so the host sees when the 32-bit scan would overflow.
extern "C" __global__ void gatherCounts(unsigned n, const unsigned* order, const unsigned* tiles,
                                        unsigned* counts, u64* total) {
    unsigned k = blockIdx.x * blockDim.x + threadIdx.x;
    unsigned c = k < n ? tiles[order[k]] : 0;
    if (k < n) counts[k] = c;
    // one atomic per block (launched with 256 threads), not per warp: all blocks hit one word
    __shared__ u64 warps[8];
    u64 sum = warpSum64(c);
    if ((threadIdx.x & 31) == 0) warps[threadIdx.x >> 5] = sum;
    __syncthreads();
    if (threadIdx.x == 0) {
        u64 t = 0;
        for (int w = 0; w < 8; w++) t += warps[w];
        if (t != 0) atomicAdd(total, t);
    }
}

// Writes each Gaussian's (tile, index) entries, Gaussians in depth order, so that a stable sort
// by tile alone leaves every tile's list ordered by (depth, index).
extern "C" __global__ void fillKeys(unsigned n, const unsigned* order, const unsigned* offsets,
                                    const unsigned* tiles, const int4* rect, int gridX,
                                    unsigned* keys, unsigned* vals) {
    unsigned k = blockIdx.x * blockDim.x + threadIdx.x;
    if (k >= n) return;
    unsigned g = order[k];
    if (tiles[g] == 0) return;
    int4 r = rect[g];
    unsigned at = offsets[k];
    for (int ty = r.y; ty < r.w; ty++)
        for (int tx = r.x; tx < r.z; tx++) {
            keys[at] = (unsigned)(ty * gridX + tx);
            vals[at] = g;
            at++;
        }
}

// ranges[t] = [first, end) of tile t in the sorted entries; ranges are zeroed before.
extern "C" __global__ void tileRanges(unsigned n, const unsigned* keys, uint2* ranges) {
    unsigned k = blockIdx.x * blockDim.x + threadIdx.x;
    if (k >= n) return;
    unsigned t = keys[k];
    if (k == 0 || keys[k - 1] != t) ranges[t].x = k;
    if (k == n - 1 || keys[k + 1] != t) ranges[t].y = k + 1;
}
