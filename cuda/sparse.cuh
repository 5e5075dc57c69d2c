// Sparse contributions on the device: no L x N table. The blend kernel reduces each tile's batch of
// Gaussians per label in shared memory and appends one record (key, fixed-point sum) per
// (Gaussian, label) that got weight; mergeRecords adds the view's records into an open-addressing
// hash table keyed by (Gaussian, label). Every sum is a 64-bit integer built by integer atomics, so
// the result is the same bits whatever the order, and the same as the CPU's. The host keeps the
// table at most half full (it knows the record count before each merge), grows it by rehashing, or
// folds it into the host's contributions and empties it when the GPU has no room to grow.
#pragma once
#include "common.cuh"

// key = gaussian << 16 | label (labels are 16-bit, Gaussians < 2^32, so a key is < 2^48)
#define EMPTY_KEY 0xffffffffffffffffull
// A sum reaching 2^63 no longer fits the host's signed 64-bit fixed point (Contributions): one add
// is below 2^40 (256 pixels of weight < 2^32), so a sum crossing 2^63 is caught before it could
// wrap past 2^64.
#define RANGE_BIT 0x8000000000000000ull

__device__ __forceinline__ u64 recordKey(unsigned gaussian, int label) {
    return ((u64)gaussian << 16) | (unsigned)label;
}

// Appends a record; beyond capacity only the count grows, and the host reruns the view with room
// for all of them (the records of an overflowed run are discarded, so nothing is counted twice).
__device__ __forceinline__ void appendRecord(u64* keys, u64* sums, u64* count, u64 capacity,
                                             u64 key, u64 sum) {
    u64 at = atomicAdd(count, 1ull);
    if (at < capacity) {
        keys[at] = key;
        sums[at] = sum;
    }
}

// The same for a whole warp (every lane must call it): one atomic per warp instead of one per
// record, so the record counter is not a hot spot.
__device__ __forceinline__ void appendRecordWarp(bool has, u64* keys, u64* sums, u64* count,
                                                 u64 capacity, u64 key, u64 sum) {
    unsigned ballot = __ballot_sync(FULL_MASK, has);
    if (ballot == 0) return;
    int lane = threadIdx.x & 31, leader = __ffs(ballot) - 1;
    u64 base = 0;
    if (lane == leader) base = atomicAdd(count, (u64)__popc(ballot));
    base = __shfl_sync(FULL_MASK, base, leader);
    if (has) {
        u64 at = base + __popc(ballot & ((1u << lane) - 1));
        if (at < capacity) {
            keys[at] = key;
            sums[at] = sum;
        }
    }
}

__device__ __forceinline__ unsigned long long slotOf(u64 key, u64 mask) {
    return (key * 0x9E3779B97F4A7C15ull >> 17) & mask;
}

// Adds (key, value) into the table of mask + 1 slots (a power of two, never more than half full,
// so the probe ends). flags[0] counts new keys, flags[1] is set when a sum reaches RANGE_BIT.
__device__ __forceinline__ void tableAdd(u64* tableKeys, u64* tableSums, u64 mask, u64 key,
                                         u64 value, u64* flags) {
    u64 s = slotOf(key, mask);
    while (true) {
        // keys are never changed once set, so a stale read can only be EMPTY_KEY
        u64 k = ((volatile u64*)tableKeys)[s];
        if (k == EMPTY_KEY) {
            k = atomicCAS(tableKeys + s, EMPTY_KEY, key);
            if (k == EMPTY_KEY) {
                atomicAdd(flags, 1ull);
                k = key;
            }
        }
        if (k == key) {
            u64 before = atomicAdd(tableSums + s, value);
            if ((before + value) & RANGE_BIT) flags[1] = 1;
            return;
        }
        s = (s + 1) & mask;
    }
}

extern "C" __global__ void mergeRecords(const u64* keys, const u64* sums, unsigned long long count,
                                        u64* tableKeys, u64* tableSums, unsigned long long mask,
                                        u64* flags) {
    u64 r = (u64)blockIdx.x * blockDim.x + threadIdx.x;
    if (r < count) tableAdd(tableKeys, tableSums, mask, keys[r], sums[r], flags);
}

// Moves every entry of an old table into a new, larger (empty) one.
extern "C" __global__ void rehashTable(const u64* oldKeys, const u64* oldSums,
                                       unsigned long long oldSlots, u64* tableKeys,
                                       u64* tableSums, unsigned long long mask, u64* flags) {
    u64 s = (u64)blockIdx.x * blockDim.x + threadIdx.x;
    if (s < oldSlots && oldKeys[s] != EMPTY_KEY)
        tableAdd(tableKeys, tableSums, mask, oldKeys[s], oldSums[s], flags);
}
