package org.flashsplat.lift;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flashsplat.core.InputException;
import org.flashsplat.core.Npy;
import org.flashsplat.core.Npz;
import org.flashsplat.raster.Memberships;

/**
 * Memberships on disk: {@code segments.npz} (scipy.sparse CSR, rows = objects, uint8 ones),
 * always written, and the dense uint8 (K, N) {@code segments.npy} when it is small.
 */
public final class SegmentFiles {
    public static final String SPARSE = "segments.npz";
    public static final String DENSE = "segments.npy";

    private SegmentFiles() {}

    public static void write(Path dir, Memberships m) throws IOException {
        Memberships.Rows r = m.rows();
        int n = r.indices().length;
        byte[] ones = new byte[n];
        java.util.Arrays.fill(ones, (byte) 1);
        new Npz.Writer()
                .add("indices", "<i4", new long[] {n}, r.indices())
                .add("indptr", "<i8", new long[] {r.indptr().length}, r.indptr())
                .addBytes("format", "csr")
                .add("shape", "<i8", new long[] {2}, new long[] {m.objects(), m.count()})
                .add("data", "|u1", new long[] {n}, ones)
                .write(dir.resolve(SPARSE));
        if ((long) m.objects() * m.count() <= ContributionFiles.DENSE_LIMIT) {
            Npy.writeUint8(dir.resolve(DENSE), new int[] {m.objects(), m.count()}, m.toDense());
        } else {
            Files.deleteIfExists(dir.resolve(DENSE));
        }
    }

    /** Reads {@code segments.npz} or {@code segments.npy} and checks it fits the scene. */
    public static Memberships read(Path file, int gaussians) {
        Memberships m = file.getFileName().toString().endsWith(".npz") ? sparse(file) : dense(file);
        if (m.count() != gaussians)
            throw new InputException(
                    file,
                    "shape",
                    "segments for " + m.count() + " Gaussians, but the scene has " + gaussians);
        return m;
    }

    private static Memberships dense(Path file) {
        Npy.Array a = Npy.read(file);
        if (!a.dtype().equals("uint8") || a.shape().length != 2)
            throw new InputException(
                    file, "header", "expected uint8 segments of shape (K, N), as segment writes");
        return Memberships.ofDense(a.shape()[0], a.shape()[1], (byte[]) a.data());
    }

    private static Memberships sparse(Path file) {
        try (Npz.Reader z = new Npz.Reader(file)) {
            Npy.Array shapeArr = z.read("shape");
            if (!(shapeArr.data() instanceof long[] shape) || shape.length != 2)
                throw new InputException(file, "shape", "expected int64 (K, N)");
            if (shape[0] < 1 || shape[0] > 65536 || shape[1] < 0 || shape[1] > Integer.MAX_VALUE - 8)
                throw new InputException(file, "shape", "(" + shape[0] + ", " + shape[1] + ") is out of range");
            int k = (int) shape[0], n = (int) shape[1];
            Npy.Array p = z.read("indptr");
            if (!(p.data() instanceof long[] indptr) || indptr.length != k + 1 || indptr[0] != 0)
                throw new InputException(file, "indptr", "expected K + 1 int64 offsets from 0");
            int[] indices = Npy.ints(z.read("indices"), file.resolve("indices"));
            if (indptr[k] != indices.length)
                throw new InputException(file, "indptr", "does not match " + indices.length + " indices");
            Npy.Array data = z.read("data");
            byte[] d = data.data() instanceof byte[] b ? b : null;
            for (int o = 0; o < k; o++) {
                if (indptr[o + 1] < indptr[o])
                    throw new InputException(file, "indptr[" + (o + 1) + "]", "offsets go down");
                for (long e = indptr[o]; e < indptr[o + 1]; e++) {
                    int g = indices[(int) e];
                    if (g < 0 || g >= n || (e > indptr[o] && g <= indices[(int) e - 1]))
                        throw new InputException(file, "indices[" + e + "]", "Gaussian " + g + " out of range or not ascending");
                    if (d != null && d[(int) e] == 0)
                        throw new InputException(file, "data[" + e + "]", "stored zero membership");
                }
            }
            return Memberships.ofRows(k, n, indptr, indices);
        }
    }
}
