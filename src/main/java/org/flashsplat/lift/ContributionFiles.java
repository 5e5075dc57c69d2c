package org.flashsplat.lift;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flashsplat.core.CsrFile;
import org.flashsplat.core.InputException;
import org.flashsplat.core.Npy;
import org.flashsplat.raster.ContributionTable;
import org.flashsplat.raster.Contributions;

/**
 * Contributions on disk (DESIGN.md section 3):
 *
 * <ul>
 *   <li>{@code contributions.npz}: {@code scipy.sparse.save_npz}'s CSR layout, rows = labels
 *       ({@code data} float32, {@code indices} int32, {@code indptr} int64, {@code shape}, {@code
 *       format} "csr"); always written;
 *   <li>{@code contributions.npy}: dense float32 (L, N), written when small ({@link #DENSE_LIMIT})
 *       or asked for;
 *   <li>{@code contributions-exact.npz}: the same CSR layout with the exact 64-bit fixed-point sums
 *       as int64 {@code data} (units of 2^-32), for shards that are merged later: a merge of exact
 *       shards gives the bytes of a single run.
 * </ul>
 */
public final class ContributionFiles {
    public static final String SPARSE = "contributions.npz";
    public static final String DENSE = "contributions.npy";
    public static final String EXACT = "contributions-exact.npz";

    /** Dense arrays up to this size are written beside the sparse one. */
    public static final long DENSE_LIMIT = 256L << 20;

    private ContributionFiles() {}

    /** What {@link #write} wrote. */
    public record Written(Path sparse, Path dense, Path exact) {}

    public static Written write(Path dir, ContributionTable t, boolean dense, boolean exact)
            throws IOException {
        Files.createDirectories(dir);
        ContributionTable.Rows r = t.rows();
        Path sparse = dir.resolve(SPARSE);
        csr(sparse, t, r, "<f4", r.value());
        Path exactFile = null;
        if (exact) {
            exactFile = dir.resolve(EXACT);
            csr(exactFile, t, r, "<i8", r.fixed());
        }
        Path denseFile = null;
        if (dense || t.denseBytes() <= DENSE_LIMIT) {
            denseFile = dir.resolve(DENSE);
            Npy.writeFloat32(denseFile, new int[] {t.labels(), t.count()}, t.toDense());
        } else {
            Files.deleteIfExists(dir.resolve(DENSE)); // a stale dense file would disagree
        }
        return new Written(sparse, denseFile, exactFile);
    }

    private static void csr(
            Path file, ContributionTable t, ContributionTable.Rows r, String dtype, Object data)
            throws IOException {
        CsrFile.write(file, t.labels(), t.count(), r.indptr(), r.indices(), dtype, data);
    }

    /** Writes the exact 64-bit sums alone, in the CSR layout of {@link #EXACT}, to {@code file}. */
    public static void writeExact(Path file, ContributionTable t) throws IOException {
        ContributionTable.Rows r = t.rows();
        csr(file, t, r, "<i8", r.fixed());
    }

    /** Reads {@code .npz} (sparse, float32 or exact int64) or {@code .npy} (dense float32). */
    public static ContributionTable read(Path file) {
        if (file.getFileName().toString().endsWith(".npz")) return readSparse(file);
        Npy.Array a = Npy.read(file);
        if (!a.dtype().equals("float32") || a.shape().length != 2)
            throw new InputException(
                    file, "header", "expected float32 contributions of shape (L, N)");
        checkLabels(file, a.shape()[0]);
        return ContributionTable.ofDense(a.shape()[0], a.shape()[1], a.floats());
    }

    private static void checkLabels(Path file, long labels) {
        if (labels < 2 || labels > Contributions.MAX_LABELS)
            throw new InputException(
                    file,
                    "shape",
                    labels + " labels: contributions need 2.." + Contributions.MAX_LABELS);
    }

    private static ContributionTable readSparse(Path file) {
        CsrFile m = CsrFile.read(file, Contributions.MAX_LABELS, "label", "Gaussian");
        checkLabels(file, m.rows());
        if (m.data().data() instanceof long[] exact)
            return ContributionTable.ofRows(
                    m.rows(), m.columns(), m.indptr(), m.indices(), exact, null);
        if (m.data().data() instanceof float[] f)
            return ContributionTable.ofRows(
                    m.rows(), m.columns(), m.indptr(), m.indices(), null, f);
        throw new InputException(
                file, "data", "expected float32 or int64 values, not " + m.data().dtype());
    }

    /** The file to read in a folder: the sparse file if present, else the dense one. */
    public static Path find(Path dir) {
        Path s = dir.resolve(SPARSE);
        return Files.isRegularFile(s) ? s : dir.resolve(DENSE);
    }
}
