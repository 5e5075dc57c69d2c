package org.flashsplat.scene;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flashsplat.core.InputException;

/**
 * The ASCII form of PLY: one row per line, values separated by white space. Numbers are parsed with
 * Java's exact decimal conversions, so a float written by {@link PlyWriter} reads back unchanged.
 */
final class PlyAsciiReader {
    private PlyAsciiReader() {}

    static VertexTable read(FileChannel ch, PlyHeader h, int vertexIndex, long size, Path file)
            throws IOException {
        PlyHeader.Element v = h.elements().get(vertexIndex);
        int nProps = v.properties().size();
        // Every value takes at least one character and one separator: a cheap lower bound that
        // stops a lying count before the columns are allocated.
        long minBytes;
        try {
            minBytes = Math.multiplyExact(v.count(), 2L * nProps) - 1;
        } catch (ArithmeticException e) {
            minBytes = Long.MAX_VALUE;
        }
        long available = size - h.dataOffset();
        if (v.count() > 0 && nProps > 0 && minBytes > available) {
            throw new InputException(
                    file,
                    "element vertex",
                    String.format(
                            Locale.ROOT,
                            "the header declares %d vertices of %d value(s), which need at least %d"
                                    + " bytes of text, but only %d bytes follow the header",
                            v.count(),
                            nProps,
                            minBytes,
                            available));
        }
        if (v.count() > PlyReader.MAX_VERTICES) {
            throw new InputException(
                    file, "element vertex", v.count() + " vertices is more than supported");
        }
        int n = (int) v.count();
        ch.position(h.dataOffset());
        BufferedReader in =
                new BufferedReader(
                        new InputStreamReader(
                                Channels.newInputStream(ch), StandardCharsets.ISO_8859_1),
                        1 << 16);
        long lineNo = h.headerLines();
        for (int e = 0; e < vertexIndex; e++) {
            PlyHeader.Element skip = h.elements().get(e);
            for (long r = 0; r < skip.count(); r++) {
                String line = in.readLine();
                lineNo++;
                if (line == null) {
                    throw new InputException(
                            file,
                            "line " + lineNo,
                            "file ends inside element " + skip.name() + " (row " + r + ")");
                }
            }
        }
        List<VertexTable.Column> cols = new ArrayList<>();
        for (PlyHeader.Property p : v.properties()) {
            cols.add(VertexTable.Column.allocate(p.name(), p.type(), n));
        }
        String[] tokens = new String[nProps];
        for (int row = 0; row < n; row++) {
            String line = in.readLine();
            lineNo++;
            if (line == null) {
                throw new InputException(
                        file,
                        "line " + lineNo,
                        String.format(
                                Locale.ROOT,
                                "file is truncated: it ends at vertex %d of %d",
                                row,
                                n));
            }
            int got = split(line, tokens);
            if (got != nProps) {
                throw new InputException(
                        file,
                        "line " + lineNo,
                        String.format(
                                Locale.ROOT,
                                "vertex %d has %s values, expected %d",
                                row,
                                got > nProps ? "more than " + nProps : String.valueOf(got),
                                nProps));
            }
            for (int k = 0; k < nProps; k++) {
                store(cols.get(k), row, tokens[k], file, lineNo);
            }
        }
        return new VertexTable(n, cols, h.comments());
    }

    /** Splits on white space into {@code out}; returns the count, or out.length + 1 if more. */
    private static int split(String line, String[] out) {
        int n = 0, i = 0, len = line.length();
        while (i < len) {
            while (i < len && Character.isWhitespace(line.charAt(i))) i++;
            if (i >= len) break;
            int s = i;
            while (i < len && !Character.isWhitespace(line.charAt(i))) i++;
            if (n == out.length) return out.length + 1;
            out[n++] = line.substring(s, i);
        }
        return n;
    }

    /**
     * A decimal number as PLY writers print it. Java's parsers also take "1.0f", "0x1p3" and "1d",
     * which no PLY tool writes: such a file is damaged, not a scene.
     */
    private static final java.util.regex.Pattern DECIMAL =
            java.util.regex.Pattern.compile(
                    "[+-]?(?:NaN|Infinity|inf|nan|(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?)");

    private static void store(VertexTable.Column c, int row, String t, Path file, long lineNo) {
        try {
            if (c.type().isFloating() && !DECIMAL.matcher(t).matches()) {
                throw new NumberFormatException(t);
            }
            if (t.equalsIgnoreCase("inf") || t.equalsIgnoreCase("+inf")) t = "Infinity";
            else if (t.equalsIgnoreCase("-inf")) t = "-Infinity";
            else if (t.replace("+", "").replace("-", "").equals("nan")) t = "NaN";
            switch (c.data()) {
                case float[] f -> f[row] = Float.parseFloat(t);
                case double[] d -> d[row] = Double.parseDouble(t);
                case int[] a -> a[row] = parseInt(c.type(), t);
                default -> throw new IllegalStateException(c.name());
            }
        } catch (NumberFormatException e) {
            throw new InputException(
                    file,
                    "line " + lineNo + ", property " + c.name(),
                    "\""
                            + t
                            + "\" is not a valid "
                            + c.type().headerName
                            + " (vertex "
                            + row
                            + ")");
        }
    }

    private static int parseInt(PlyType type, String t) {
        long v = Long.parseLong(t);
        long lo, hi;
        switch (type) {
            case CHAR -> {
                lo = Byte.MIN_VALUE;
                hi = Byte.MAX_VALUE;
            }
            case UCHAR -> {
                lo = 0;
                hi = 255;
            }
            case SHORT -> {
                lo = Short.MIN_VALUE;
                hi = Short.MAX_VALUE;
            }
            case USHORT -> {
                lo = 0;
                hi = 65535;
            }
            case INT -> {
                lo = Integer.MIN_VALUE;
                hi = Integer.MAX_VALUE;
            }
            default -> {
                lo = 0;
                hi = 0xffffffffL;
            }
        }
        if (v < lo || v > hi) throw new NumberFormatException("out of range");
        return (int) v;
    }
}
