package org.flashsplat.lift;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flashsplat.core.CsrFile;
import org.flashsplat.core.InputException;
import org.flashsplat.core.Npy;
import org.flashsplat.raster.Memberships;

/**
 * Memberships on disk: {@code segments.npz} (scipy.sparse CSR, rows = objects, uint8 ones), always
 * written, and the dense uint8 (K, N) {@code segments.npy} when it is small.
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
        CsrFile.write(
                dir.resolve(SPARSE), m.objects(), m.count(), r.indptr(), r.indices(), "|u1", ones);
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
        CsrFile m = CsrFile.read(file, 65536, "object", "Gaussian");
        if (m.data().data() instanceof byte[] d) {
            for (int e = 0; e < d.length; e++)
                if (d[e] == 0)
                    throw new InputException(file, "data[" + e + "]", "stored zero membership");
        }
        return Memberships.ofRows(m.rows(), m.columns(), m.indptr(), m.indices());
    }
}
