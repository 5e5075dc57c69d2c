package org.flashsplat.cleanup;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import org.flashsplat.core.Voxels;

/**
 * Finds an object's floaters: Gaussians that the masks gave to the object but that lie apart from
 * its body. The object's centres are binned into a voxel grid sized from its own density, occupied
 * voxels are joined with their 26 neighbours, and components much smaller than the largest are
 * floaters. A voxel-grid test (rather than k-nearest-neighbour statistics) keeps a thin but
 * connected part, such as a handle, and costs one pass over the object.
 */
public final class FloaterFilter {
    /** The strength the studio and the CLI start from. */
    public static final double DEFAULT_STRENGTH = 0.5;

    private FloaterFilter() {}

    /**
     * The members to remove.
     *
     * @param members indices of the object's Gaussians
     * @param strength 0 removes nothing; towards 1 the grid gets finer and larger components go
     */
    public static BitSet floaters(float[] x, float[] y, float[] z, int[] members, double strength) {
        BitSet out = new BitSet();
        int n = members.length;
        if (strength <= 0 || n < 8) return out;
        double s = Math.min(1, strength);
        double voxel = spacing(x, y, z, members) * (4.0 - 2.5 * s);
        if (!(voxel > 0)) return out;
        Map<Long, Integer> cellOf = new HashMap<>(n * 2);
        int[] cell = new int[n];
        for (int j = 0; j < n; j++) {
            int i = members[j];
            long key =
                    Voxels.key(
                            Voxels.cell(x[i], voxel),
                            Voxels.cell(y[i], voxel),
                            Voxels.cell(z[i], voxel));
            Integer c = cellOf.putIfAbsent(key, cellOf.size());
            cell[j] = c == null ? cellOf.size() - 1 : c;
        }
        int cells = cellOf.size();
        int[] parent = new int[cells];
        for (int c = 0; c < cells; c++) parent[c] = c;
        for (Map.Entry<Long, Integer> e : cellOf.entrySet()) {
            long k = e.getKey();
            for (int dx = -1; dx <= 1; dx++)
                for (int dy = -1; dy <= 1; dy++)
                    for (int dz = -1; dz <= 1; dz++) {
                        Integer o = cellOf.get(Voxels.neighbour(k, dx, dy, dz));
                        if (o != null) Voxels.union(parent, e.getValue(), o);
                    }
        }
        int[] size = new int[cells];
        for (int j = 0; j < n; j++) size[Voxels.find(parent, cell[j])]++;
        int largest = Arrays.stream(size).max().orElse(0);
        // A component keeps its Gaussians when it holds at least this share of the largest one.
        double minShare = 0.2 * s;
        for (int j = 0; j < n; j++)
            if (size[Voxels.find(parent, cell[j])] < minShare * largest) out.set(members[j]);
        return out;
    }

    /**
     * Typical distance between neighbouring centres: the volume of the object's central 90% box
     * shared among the Gaussians inside it. Percentiles keep the floaters themselves from inflating
     * it.
     */
    static double spacing(float[] x, float[] y, float[] z, int[] members) {
        float[][] axes = {
            new float[members.length], new float[members.length], new float[members.length]
        };
        for (int j = 0; j < members.length; j++) {
            axes[0][j] = x[members[j]];
            axes[1][j] = y[members[j]];
            axes[2][j] = z[members[j]];
        }
        double volume = 1;
        double[] lo = new double[3], hi = new double[3];
        for (int a = 0; a < 3; a++) {
            float[] v = axes[a].clone();
            Arrays.sort(v);
            lo[a] = v[(int) (0.05 * (v.length - 1))];
            hi[a] = v[(int) Math.ceil(0.95 * (v.length - 1))];
        }
        double maxExtent = 0;
        for (int a = 0; a < 3; a++) maxExtent = Math.max(maxExtent, hi[a] - lo[a]);
        int inside = 0;
        for (int j = 0; j < members.length; j++) {
            boolean in = true;
            for (int a = 0; a < 3 && in; a++) in = axes[a][j] >= lo[a] && axes[a][j] <= hi[a];
            if (in) inside++;
        }
        // A flat object (a plate, a sheet) would have no volume: give each axis a floor.
        for (int a = 0; a < 3; a++) volume *= Math.max(hi[a] - lo[a], 0.05 * maxExtent);
        return Math.cbrt(volume / Math.max(1, inside));
    }
}
