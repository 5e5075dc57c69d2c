package org.flashsplat.scene;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.flashsplat.core.InputException;

/**
 * Reads the vertex element of a PLY file (binary little/big endian or ASCII) into a {@link
 * VertexTable}, every property kept in its own type. Binary data streams through a FileChannel in
 * chunks of whole rows, so files over 2 GiB work and memory is only the columns themselves; the
 * header is checked against the file size before any column is allocated.
 */
public final class PlyReader {
    /** Java arrays cannot be larger; one column per property is indexed by vertex. */
    static final int MAX_VERTICES = Integer.MAX_VALUE - 8;

    private static final int CHUNK_BYTES = 1 << 20;

    /** What a read produced: the header, the vertex table and anything the user should know. */
    public record Result(PlyHeader header, VertexTable table, List<String> warnings) {}

    private PlyReader() {}

    /** Reads the header only. */
    public static PlyHeader readHeader(Path file) throws IOException {
        try (FileChannel ch = open(file)) {
            return PlyHeader.read(ch, file);
        }
    }

    /** Reads the vertex table. */
    public static VertexTable read(Path file) throws IOException {
        return readFull(file).table();
    }

    /**
     * Reads a 3DGS scene: the vertex table, checked and activated by {@link GaussianScene#of}
     * (Gaussians with NaN or infinite values are dropped with a warning).
     */
    public static GaussianScene readScene(Path file) throws IOException {
        Result r = readFull(file);
        return GaussianScene.of(r.table(), file, r.warnings());
    }

    public static Result readFull(Path file) throws IOException {
        try (FileChannel ch = open(file)) {
            long size = ch.size();
            PlyHeader h = PlyHeader.read(ch, file);
            int vertexIndex = vertexElementIndex(h, file);
            PlyHeader.Element vertex = h.elements().get(vertexIndex);
            List<String> warnings = new ArrayList<>();
            VertexTable table =
                    h.format() == PlyHeader.Format.ASCII
                            ? PlyAsciiReader.read(ch, h, vertexIndex, size, file)
                            : readBinary(ch, h, vertexIndex, size, file, warnings);
            if (vertexIndex > 0 || h.elements().size() > 1) {
                List<String> skipped = new ArrayList<>();
                for (PlyHeader.Element e : h.elements()) {
                    if (e != vertex) skipped.add(e.name() + " (" + e.count() + ")");
                }
                warnings.add("skipped other elements: " + String.join(", ", skipped));
            }
            return new Result(h, table, warnings);
        }
    }

    private static FileChannel open(Path file) throws IOException {
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new InputException(file, null, "no such file");
        }
    }

    private static int vertexElementIndex(PlyHeader h, Path file) {
        for (int i = 0; i < h.elements().size(); i++) {
            PlyHeader.Element e = h.elements().get(i);
            if (!e.name().equals("vertex")) continue;
            Set<String> names = new HashSet<>();
            for (PlyHeader.Property p : e.properties()) {
                if (p.isList()) {
                    throw new InputException(
                            file,
                            "property " + p.name(),
                            "list property in the vertex element; a Gaussian scene has scalars only");
                }
                if (!names.add(p.name())) {
                    throw new InputException(
                            file, "property " + p.name(), "vertex property listed twice");
                }
            }
            return i;
        }
        throw new InputException(file, "header", "no vertex element");
    }

    private static VertexTable readBinary(
            FileChannel ch,
            PlyHeader h,
            int vertexIndex,
            long size,
            Path file,
            List<String> warnings)
            throws IOException {
        ByteOrder order = h.format().order;
        long start = h.dataOffset();
        for (int i = 0; i < vertexIndex; i++) {
            start = skipElement(ch, h.elements().get(i), start, size, order, file);
        }
        PlyHeader.Element v = h.elements().get(vertexIndex);
        int rowBytes = v.fixedRowBytes();
        long need = multiplyOrMax(v.count(), rowBytes);
        if (start > size || need > size - start) {
            throw truncated(file, v, start, rowBytes, size);
        }
        if (v.count() > MAX_VERTICES) {
            throw new InputException(
                    file,
                    "element vertex",
                    String.format(
                            Locale.ROOT,
                            "%d vertices; at most %d are supported",
                            v.count(),
                            MAX_VERTICES));
        }
        int n = (int) v.count();
        long end = start + need;
        if (vertexIndex == h.elements().size() - 1 && end < size) {
            warnings.add((size - end) + " bytes after the vertex data were ignored");
        }
        List<VertexTable.Column> columns = new ArrayList<>();
        int[] offsets = new int[v.properties().size()];
        int off = 0;
        for (int k = 0; k < offsets.length; k++) {
            PlyHeader.Property p = v.properties().get(k);
            columns.add(VertexTable.Column.allocate(p.name(), p.type(), n));
            offsets[k] = off;
            off += p.type().bytes;
        }
        if (rowBytes == 0) return new VertexTable(n, columns, h.comments());
        int rowsPerChunk = Math.max(1, CHUNK_BYTES / rowBytes);
        ByteBuffer buf = ByteBuffer.allocate(rowsPerChunk * rowBytes).order(order);
        long pos = start;
        for (int row = 0; row < n; ) {
            int rows = Math.min(rowsPerChunk, n - row);
            buf.clear().limit(rows * rowBytes);
            fill(ch, buf, pos, file, v, start, rowBytes, size);
            for (int k = 0; k < offsets.length; k++) {
                decode(buf, rows, rowBytes, offsets[k], columns.get(k), row);
            }
            row += rows;
            pos += (long) rows * rowBytes;
        }
        return new VertexTable(n, columns, h.comments());
    }

    private static long multiplyOrMax(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static InputException truncated(
            Path file, PlyHeader.Element v, long start, int rowBytes, long size) {
        String what;
        if (size < start) {
            what =
                    String.format(
                            Locale.ROOT,
                            "file is truncated: it ends at byte %d, before the vertex data that"
                                    + " should start at byte %d",
                            size,
                            start);
        } else {
            long complete = rowBytes == 0 ? v.count() : (size - start) / rowBytes;
            what =
                    String.format(
                            Locale.ROOT,
                            "file is truncated or the vertex count is wrong: the header declares"
                                    + " %d vertices of %d bytes from byte %d, but the file ends at"
                                    + " byte %d, inside vertex %d (only %d complete)",
                            v.count(),
                            rowBytes,
                            start,
                            size,
                            complete,
                            complete);
        }
        return new InputException(file, "byte " + size, what);
    }

    /** Reads until {@code buf} is full; a file that shrank under us is reported as truncated. */
    private static void fill(
            FileChannel ch,
            ByteBuffer buf,
            long pos,
            Path file,
            PlyHeader.Element v,
            long start,
            int rowBytes,
            long size)
            throws IOException {
        long at = pos;
        while (buf.hasRemaining()) {
            int got = ch.read(buf, at);
            if (got < 0) throw truncated(file, v, start, rowBytes, at);
            at += got;
        }
        buf.flip();
    }

    private static void decode(
            ByteBuffer b, int rows, int stride, int off, VertexTable.Column c, int first) {
        switch (c.type()) {
            case FLOAT -> {
                float[] f = (float[]) c.data();
                for (int r = 0, p = off; r < rows; r++, p += stride) f[first + r] = b.getFloat(p);
            }
            case DOUBLE -> {
                double[] d = (double[]) c.data();
                for (int r = 0, p = off; r < rows; r++, p += stride) d[first + r] = b.getDouble(p);
            }
            case CHAR -> {
                int[] a = (int[]) c.data();
                for (int r = 0, p = off; r < rows; r++, p += stride) a[first + r] = b.get(p);
            }
            case UCHAR -> {
                int[] a = (int[]) c.data();
                for (int r = 0, p = off; r < rows; r++, p += stride) a[first + r] = b.get(p) & 0xff;
            }
            case SHORT -> {
                int[] a = (int[]) c.data();
                for (int r = 0, p = off; r < rows; r++, p += stride) a[first + r] = b.getShort(p);
            }
            case USHORT -> {
                int[] a = (int[]) c.data();
                for (int r = 0, p = off; r < rows; r++, p += stride) {
                    a[first + r] = b.getShort(p) & 0xffff;
                }
            }
            case INT, UINT -> {
                int[] a = (int[]) c.data();
                for (int r = 0, p = off; r < rows; r++, p += stride) a[first + r] = b.getInt(p);
            }
        }
    }

    /**
     * Returns the byte offset just past element {@code e} starting at {@code pos}. Fixed-size rows
     * are skipped arithmetically; rows with lists must be walked to read each list's length.
     */
    private static long skipElement(
            FileChannel ch, PlyHeader.Element e, long pos, long size, ByteOrder order, Path file)
            throws IOException {
        int fixed = e.fixedRowBytes();
        if (fixed >= 0) {
            long end = pos + multiplyOrMax(e.count(), fixed);
            if (end < pos || end > size) {
                throw new InputException(
                        file,
                        "element " + e.name(),
                        String.format(
                                Locale.ROOT,
                                "file is truncated: %d %s rows of %d bytes from byte %d do not fit"
                                        + " in its %d bytes",
                                e.count(),
                                e.name(),
                                fixed,
                                pos,
                                size));
            }
            return end;
        }
        ByteBuffer one = ByteBuffer.allocate(8).order(order);
        for (long row = 0; row < e.count(); row++) {
            for (PlyHeader.Property p : e.properties()) {
                if (!p.isList()) {
                    pos += p.type().bytes;
                    continue;
                }
                one.clear().limit(p.countType().bytes);
                if (ch.read(one, pos) != p.countType().bytes) {
                    throw new InputException(
                            file,
                            "byte " + pos,
                            "file is truncated inside " + e.name() + " row " + row);
                }
                long len =
                        switch (p.countType()) {
                            case CHAR -> one.get(0);
                            case UCHAR -> one.get(0) & 0xff;
                            case SHORT -> one.getShort(0);
                            case USHORT -> one.getShort(0) & 0xffff;
                            case INT -> one.getInt(0);
                            default -> Integer.toUnsignedLong(one.getInt(0));
                        };
                if (len < 0) {
                    throw new InputException(
                            file, "byte " + pos, "negative list length in " + e.name());
                }
                pos += p.countType().bytes + len * p.type().bytes;
            }
            if (pos > size) {
                throw new InputException(
                        file,
                        "byte " + size,
                        "file is truncated inside " + e.name() + " row " + row);
            }
        }
        return pos;
    }
}
