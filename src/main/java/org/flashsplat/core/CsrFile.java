package org.flashsplat.core;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A sparse matrix in {@code scipy.sparse.save_npz}'s CSR layout ({@code data, indices, indptr,
 * shape, format} in an {@code .npz}), as the contribution and segment files hold it. Reading checks
 * every offset and index of the untrusted file before anything is built from it.
 *
 * @param indptr rows + 1 offsets into {@code indices}, from 0, never going down
 * @param indices the column of each entry, ascending within a row
 * @param data the values, one per entry (float[], long[] or byte[])
 */
public record CsrFile(int rows, int columns, long[] indptr, int[] indices, Npy.Array data) {
    /** Writes the matrix; {@code dtype} describes {@code values} ("<f4", "<i8", "|u1"). */
    public static void write(
            Path file,
            long rows,
            long columns,
            long[] indptr,
            int[] indices,
            String dtype,
            Object values)
            throws IOException {
        new Npz.Writer()
                .add("indices", "<i4", new long[] {indices.length}, indices)
                .add("indptr", "<i8", new long[] {indptr.length}, indptr)
                .addBytes("format", "csr")
                .add("shape", "<i8", new long[] {2}, new long[] {rows, columns})
                .add("data", dtype, new long[] {indices.length}, values)
                .write(file);
    }

    /**
     * Reads and checks a CSR file of at most {@code maxRows} rows; {@code rowName} and {@code
     * columnName} name them in messages ("label", "Gaussian").
     */
    public static CsrFile read(Path file, long maxRows, String rowName, String columnName) {
        try (Npz.Reader z = new Npz.Reader(file)) {
            if (!z.has("indptr") || !z.has("indices") || !z.has("data") || !z.has("shape"))
                throw new InputException(
                        file, null, "not a scipy.sparse CSR file (data, indices, indptr, shape)");
            long[] shape = longs(z.read("shape"), file, "shape");
            if (shape.length != 2
                    || shape[0] < 1
                    || shape[0] > maxRows
                    || shape[1] < 0
                    || shape[1] > Integer.MAX_VALUE - 8)
                throw new InputException(
                        file,
                        "shape",
                        "expected ("
                                + rowName
                                + "s, "
                                + columnName
                                + "s) with 1.."
                                + maxRows
                                + " rows");
            int rows = (int) shape[0], columns = (int) shape[1];
            long[] indptr = longs(z.read("indptr"), file, "indptr");
            if (indptr.length != rows + 1 || indptr[0] != 0)
                throw new InputException(file, "indptr", "expected rows + 1 offsets from 0");
            for (int r = 0; r < rows; r++)
                if (indptr[r + 1] < indptr[r])
                    throw new InputException(file, "indptr[" + (r + 1) + "]", "offsets go down");
            int[] indices = Npy.ints(z.read("indices"), file.resolve("indices"));
            if (indices.length != indptr[rows])
                throw new InputException(
                        file, "indices", indices.length + " indices, indptr says " + indptr[rows]);
            for (int r = 0; r < rows; r++) {
                for (long e = indptr[r]; e < indptr[r + 1]; e++) {
                    int c = indices[(int) e];
                    if (c < 0 || c >= columns || (e > indptr[r] && c <= indices[(int) e - 1]))
                        throw new InputException(
                                file,
                                "indices[" + e + "]",
                                columnName
                                        + " "
                                        + c
                                        + " out of range or not ascending in "
                                        + rowName
                                        + " "
                                        + r);
                }
            }
            Npy.Array data = z.read("data");
            if (data.size() != indices.length)
                throw new InputException(
                        file, "data", data.size() + " values for " + indices.length + " indices");
            return new CsrFile(rows, columns, indptr, indices, data);
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
}
