package org.flashsplat.lift;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flashsplat.core.InputException;
import org.flashsplat.core.Npy;
import org.flashsplat.core.Npz;
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
        csr(t, r, "<f4", r.value()).write(sparse);
        Path exactFile = null;
        if (exact) {
            exactFile = dir.resolve(EXACT);
            csr(t, r, "<i8", r.fixed()).write(exactFile);
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

    private static Npz.Writer csr(
            ContributionTable t, ContributionTable.Rows r, String dtype, Object data) {
        return new Npz.Writer()
                .add("indices", "<i4", new long[] {r.indices().length}, r.indices())
                .add("indptr", "<i8", new long[] {r.indptr().length}, r.indptr())
                .addBytes("format", "csr")
                .add("shape", "<i8", new long[] {2}, new long[] {t.labels(), t.count()})
                .add("data", dtype, new long[] {r.indices().length}, data);
    }

    /** Writes the exact 64-bit sums alone, in the CSR layout of {@link #EXACT}, to {@code file}. */
    public static void writeExact(Path file, ContributionTable t) throws IOException {
        ContributionTable.Rows r = t.rows();
        csr(t, r, "<i8", r.fixed()).write(file);
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
        try (Npz.Reader z = new Npz.Reader(file)) {
            if (!z.has("indptr") || !z.has("indices") || !z.has("data") || !z.has("shape"))
                throw new InputException(
                        file, null, "not a scipy.sparse CSR file (data, indices, indptr, shape)");
            long[] shape = longs(z.read("shape"), file, "shape");
            if (shape.length != 2 || shape[1] < 0 || shape[1] > Integer.MAX_VALUE - 8)
                throw new InputException(file, "shape", "expected (L, N)");
            checkLabels(file, shape[0]);
            int labels = (int) shape[0], count = (int) shape[1];
            long[] indptr = longs(z.read("indptr"), file, "indptr");
            if (indptr.length != labels + 1 || indptr[0] != 0)
                throw new InputException(file, "indptr", "expected L + 1 offsets from 0");
            for (int l = 0; l < labels; l++)
                if (indptr[l + 1] < indptr[l])
                    throw new InputException(file, "indptr[" + (l + 1) + "]", "offsets go down");
            Npy.Array idx = z.read("indices");
            int[] indices = Npy.ints(idx, file.resolve("indices"));
            if (indices.length != indptr[labels])
                throw new InputException(
                        file,
                        "indices",
                        indices.length + " indices, indptr says " + indptr[labels]);
            for (int l = 0; l < labels; l++) {
                for (long e = indptr[l]; e < indptr[l + 1]; e++) {
                    int g = indices[(int) e];
                    if (g < 0 || g >= count || (e > indptr[l] && g <= indices[(int) e - 1]))
                        throw new InputException(
                                file,
                                "indices[" + e + "]",
                                "Gaussian " + g + " out of range or not ascending in row " + l);
                }
            }
            Npy.Array data = z.read("data");
            if (data.size() != indices.length)
                throw new InputException(
                        file, "data", data.size() + " values for " + indices.length + " indices");
            if (data.data() instanceof long[] exact)
                return ContributionTable.ofRows(labels, count, indptr, indices, exact, null);
            if (data.data() instanceof float[] f)
                return ContributionTable.ofRows(labels, count, indptr, indices, null, f);
            throw new InputException(
                    file, "data", "expected float32 or int64 values, not " + data.dtype());
        }
    }

    private static long[] longs(Npy.Array a, Path file, String what) {
        if (a.data() instanceof long[] v) return v;
        if (a.data() instanceof int[] v) {
            long[] o = new long[v.length];
            for (int i = 0; i < v.length; i++) o[i] = v[i];
            return o;
        }
        throw new InputException(file, what, "expected integers, not " + a.dtype());
    }

    /** The file to read in a folder: the sparse file if present, else the dense one. */
    public static Path find(Path dir) {
        Path s = dir.resolve(SPARSE);
        return Files.isRegularFile(s) ? s : dir.resolve(DENSE);
    }
}
