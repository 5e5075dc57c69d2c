package org.flashsplat.scene;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.flashsplat.core.AtomicFiles;

/**
 * Writes a {@link VertexTable} as a PLY file with one vertex element, properties in table order and
 * in their own types, comments kept. The header is written the way 3DGS writes it, so a binary
 * little-endian scene read and written back unchanged is byte-for-byte the original.
 */
public final class PlyWriter {
    private static final int CHUNK_BYTES = 1 << 20;

    private PlyWriter() {}

    /** Writes binary little endian, the 3DGS layout. */
    public static void write(Path file, VertexTable table) throws IOException {
        write(file, table, PlyHeader.Format.BINARY_LITTLE_ENDIAN);
    }

    /** Writes atomically (temp file, fsync, rename): a failure leaves no half-written file. */
    public static void write(Path file, VertexTable table, PlyHeader.Format format)
            throws IOException {
        AtomicFiles.write(file, out -> write(out, table, format));
    }

    /** Writes to a stream (not closed). */
    public static void write(OutputStream out, VertexTable table, PlyHeader.Format format)
            throws IOException {
        out.write(header(table, format).getBytes(StandardCharsets.ISO_8859_1));
        if (format == PlyHeader.Format.ASCII) {
            writeAscii(out, table);
        } else {
            writeBinary(out, table, format);
        }
    }

    static String header(VertexTable table, PlyHeader.Format format) {
        StringBuilder sb = new StringBuilder("ply\nformat ");
        sb.append(format.headerName).append(" 1.0\n");
        for (String c : table.comments()) sb.append("comment ").append(c).append('\n');
        sb.append("element vertex ").append(table.count()).append('\n');
        for (VertexTable.Column c : table.columns()) {
            sb.append("property ")
                    .append(c.type().headerName)
                    .append(' ')
                    .append(c.name())
                    .append('\n');
        }
        return sb.append("end_header\n").toString();
    }

    private static void writeBinary(OutputStream out, VertexTable table, PlyHeader.Format format)
            throws IOException {
        List<VertexTable.Column> cols = table.columns();
        int rowBytes = 0;
        int[] offsets = new int[cols.size()];
        for (int k = 0; k < offsets.length; k++) {
            offsets[k] = rowBytes;
            rowBytes += cols.get(k).type().bytes;
        }
        if (rowBytes == 0) return;
        int rowsPerChunk = Math.max(1, CHUNK_BYTES / rowBytes);
        ByteBuffer buf = ByteBuffer.allocate(rowsPerChunk * rowBytes).order(format.order);
        int n = table.count();
        for (int row = 0; row < n; ) {
            int rows = Math.min(rowsPerChunk, n - row);
            for (int k = 0; k < offsets.length; k++) {
                encode(buf, rows, rowBytes, offsets[k], cols.get(k), row);
            }
            out.write(buf.array(), 0, rows * rowBytes);
            row += rows;
        }
    }

    private static void encode(
            ByteBuffer b, int rows, int stride, int off, VertexTable.Column c, int first) {
        switch (c.type()) {
            case FLOAT -> {
                float[] f = (float[]) c.data();
                for (int r = 0, p = off; r < rows; r++, p += stride) b.putFloat(p, f[first + r]);
            }
            case DOUBLE -> {
                double[] d = (double[]) c.data();
                for (int r = 0, p = off; r < rows; r++, p += stride) b.putDouble(p, d[first + r]);
            }
            case CHAR, UCHAR -> {
                int[] a = (int[]) c.data();
                for (int r = 0, p = off; r < rows; r++, p += stride) b.put(p, (byte) a[first + r]);
            }
            case SHORT, USHORT -> {
                int[] a = (int[]) c.data();
                for (int r = 0, p = off; r < rows; r++, p += stride) {
                    b.putShort(p, (short) a[first + r]);
                }
            }
            case INT, UINT -> {
                int[] a = (int[]) c.data();
                for (int r = 0, p = off; r < rows; r++, p += stride) b.putInt(p, a[first + r]);
            }
        }
    }

    private static void writeAscii(OutputStream out, VertexTable table) throws IOException {
        List<VertexTable.Column> cols = table.columns();
        StringBuilder sb = new StringBuilder(1 << 16);
        for (int row = 0; row < table.count(); row++) {
            for (int k = 0; k < cols.size(); k++) {
                if (k > 0) sb.append(' ');
                switch (cols.get(k)) {
                    // Java's shortest round-trip decimal: reading it back gives the same bits.
                    case VertexTable.Column c when c.data() instanceof float[] f ->
                            sb.append(f[row]);
                    case VertexTable.Column c when c.data() instanceof double[] d ->
                            sb.append(d[row]);
                    case VertexTable.Column c when c.type() == PlyType.UINT ->
                            sb.append(Integer.toUnsignedString(((int[]) c.data())[row]));
                    case VertexTable.Column c -> sb.append(((int[]) c.data())[row]);
                }
            }
            sb.append('\n');
            if (sb.length() > (1 << 16) - 1024) {
                out.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
                sb.setLength(0);
            }
        }
        out.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
    }
}
