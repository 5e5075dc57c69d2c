package org.flashsplat.studio.io;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flashsplat.core.AtomicFiles;
import org.flashsplat.core.InputException;
import org.flashsplat.scene.PlyType;
import org.flashsplat.scene.VertexTable;

/**
 * Stop-gap binary little-endian PLY vertex reader and writer, used only until the core's
 * PlyReader/PlyWriter land on main; {@link ProjectLoader} and {@link Exports} are the only callers
 * so the switch is local.
 */
final class MiniPly {
    private MiniPly() {}

    static VertexTable read(Path file) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            List<String> names = new ArrayList<>();
            List<PlyType> types = new ArrayList<>();
            List<String> comments = new ArrayList<>();
            int count = -1;
            boolean inVertex = false;
            for (String line; !(line = readLine(raw)).equals("end_header"); ) {
                String[] t = line.trim().split("\\s+");
                switch (t[0]) {
                    case "format" -> {
                        if (!t[1].equals("binary_little_endian"))
                            throw new InputException(file, "header", "only binary PLY is read");
                    }
                    case "comment" -> comments.add(line.substring(Math.min(8, line.length())));
                    case "element" -> {
                        inVertex = t[1].equals("vertex");
                        if (inVertex) count = Integer.parseInt(t[2]);
                    }
                    case "property" -> {
                        if (inVertex) {
                            types.add(PlyType.parse(t[1]));
                            names.add(t[2]);
                        }
                    }
                    default -> {}
                }
            }
            if (count < 0) throw new InputException(file, "header", "no vertex element");
            int stride = 0;
            for (PlyType t : types) stride += t.bytes;
            List<VertexTable.Column> cols = new ArrayList<>();
            for (int c = 0; c < names.size(); c++)
                cols.add(VertexTable.Column.allocate(names.get(c), types.get(c), count));
            byte[] row = new byte[stride];
            ByteBuffer b = ByteBuffer.wrap(row).order(ByteOrder.LITTLE_ENDIAN);
            DataInputStream in = new DataInputStream(raw);
            for (int i = 0; i < count; i++) {
                in.readFully(row);
                int off = 0;
                for (int c = 0; c < cols.size(); c++) {
                    Object data = cols.get(c).data();
                    PlyType t = types.get(c);
                    switch (t) {
                        case FLOAT -> ((float[]) data)[i] = b.getFloat(off);
                        case DOUBLE -> ((double[]) data)[i] = b.getDouble(off);
                        case CHAR -> ((int[]) data)[i] = b.get(off);
                        case UCHAR -> ((int[]) data)[i] = b.get(off) & 0xff;
                        case SHORT -> ((int[]) data)[i] = b.getShort(off);
                        case USHORT -> ((int[]) data)[i] = b.getShort(off) & 0xffff;
                        default -> ((int[]) data)[i] = b.getInt(off);
                    }
                    off += t.bytes;
                }
            }
            return new VertexTable(count, cols, comments);
        }
    }

    static void write(VertexTable table, Path file) throws IOException {
        StringBuilder h = new StringBuilder("ply\nformat binary_little_endian 1.0\n");
        for (String c : table.comments()) h.append("comment ").append(c).append('\n');
        h.append("element vertex ").append(table.count()).append('\n');
        int rowBytes = 0;
        for (VertexTable.Column c : table.columns()) {
            h.append("property ").append(c.type().headerName).append(' ').append(c.name());
            h.append('\n');
            rowBytes += c.type().bytes;
        }
        h.append("end_header\n");
        int stride = rowBytes;
        AtomicFiles.write(
                file,
                out -> {
                    out.write(h.toString().getBytes(StandardCharsets.US_ASCII));
                    ByteBuffer b = ByteBuffer.allocate(stride).order(ByteOrder.LITTLE_ENDIAN);
                    for (int i = 0; i < table.count(); i++) {
                        b.clear();
                        for (VertexTable.Column c : table.columns()) put(b, c, i);
                        out.write(b.array(), 0, stride);
                    }
                });
    }

    private static void put(ByteBuffer b, VertexTable.Column c, int i) {
        switch (c.data()) {
            case float[] f -> b.putFloat(f[i]);
            case double[] d -> b.putDouble(d[i]);
            case int[] n -> {
                switch (c.type().bytes) {
                    case 1 -> b.put((byte) n[i]);
                    case 2 -> b.putShort((short) n[i]);
                    default -> b.putInt(n[i]);
                }
            }
            default -> throw new IllegalStateException(c.name());
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder s = new StringBuilder();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) throw new IOException("PLY header ends early");
            if (c != '\r') s.append((char) c);
        }
        return s.toString();
    }
}
