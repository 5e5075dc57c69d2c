package org.flashsplat.core;

/**
 * Cells of a regular grid in space, packed into one long (21 bits per axis, so coordinates wrap at
 * 2^21 cells, far beyond any scene), and the connected components of a set of cells: what the
 * floater filter and the association's contact cue both need.
 */
public final class Voxels {
    private Voxels() {}

    /** The cell coordinate of {@code v} on a grid of cells {@code size} wide (NaN: 0). */
    public static int cell(float v, double size) {
        return (int) Math.floor(v / size);
    }

    /** The cell (cx, cy, cz) as one key. */
    public static long key(int cx, int cy, int cz) {
        return ((long) (cx & 0x1fffff) << 42) | ((long) (cy & 0x1fffff) << 21) | (cz & 0x1fffff);
    }

    /** The key of the cell dx, dy, dz away from {@code key}'s. */
    public static long neighbour(long key, int dx, int dy, int dz) {
        return key(unpack(key, 42) + dx, unpack(key, 21) + dy, unpack(key, 0) + dz);
    }

    private static int unpack(long key, int shift) {
        int v = (int) ((key >>> shift) & 0x1fffff);
        return (v << 11) >> 11; // sign-extend 21 bits
    }

    /** The root of {@code i} in a union-find forest, halving the path on the way. */
    public static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** Joins the sets of {@code a} and {@code b}; the smaller root becomes the root. */
    public static void union(int[] parent, int a, int b) {
        int ra = find(parent, a), rb = find(parent, b);
        if (ra != rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
}
