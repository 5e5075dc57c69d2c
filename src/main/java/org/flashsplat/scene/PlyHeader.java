package org.flashsplat.scene;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flashsplat.core.InputException;

/**
 * The parsed header of a PLY file: format, elements with their properties, comments, and where the
 * data starts. Parsing reads only the header bytes, so a huge or lying file costs nothing here.
 */
public record PlyHeader(
        Format format,
        List<Element> elements,
        List<String> comments,
        long dataOffset,
        int headerLines) {

    /** The three encodings PLY defines. */
    public enum Format {
        ASCII("ascii", null),
        BINARY_LITTLE_ENDIAN("binary_little_endian", ByteOrder.LITTLE_ENDIAN),
        BINARY_BIG_ENDIAN("binary_big_endian", ByteOrder.BIG_ENDIAN);

        public final String headerName;

        /** Byte order of binary data; null for ASCII. */
        public final ByteOrder order;

        Format(String headerName, ByteOrder order) {
            this.headerName = headerName;
            this.order = order;
        }

        static Format parse(String name) {
            for (Format f : values()) if (f.headerName.equals(name)) return f;
            return null;
        }
    }

    /**
     * One property. For a list property {@code countType} is the type of the length prefix and
     * {@code type} that of the items; for a scalar {@code countType} is null.
     */
    public record Property(String name, PlyType type, PlyType countType) {
        public boolean isList() {
            return countType != null;
        }
    }

    /** One element (vertex, face, ...) with its row count and properties in file order. */
    public record Element(String name, long count, List<Property> properties) {
        public Element {
            properties = List.copyOf(properties);
        }

        /** Bytes per row in binary form, or -1 when a list property makes rows variable. */
        public int fixedRowBytes() {
            int n = 0;
            for (Property p : properties) {
                if (p.isList()) return -1;
                n += p.type().bytes;
            }
            return n;
        }
    }

    /** A real header is a few kB; this bound keeps a binary file without one from being slurped. */
    static final int MAX_HEADER_BYTES = 1 << 20;

    public PlyHeader {
        elements = List.copyOf(elements);
        comments = List.copyOf(comments);
    }

    /** The element called {@code name}, or null. */
    public Element element(String name) {
        for (Element e : elements) if (e.name().equals(name)) return e;
        return null;
    }

    /** Reads and parses the header at the start of {@code ch} (position is left undefined). */
    public static PlyHeader read(FileChannel ch, Path file) throws IOException {
        byte[] text = readHeaderBytes(ch, file);
        return parse(new String(text, StandardCharsets.ISO_8859_1), text.length, file);
    }

    private static byte[] readHeaderBytes(FileChannel ch, Path file) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        java.io.ByteArrayOutputStream seen = new java.io.ByteArrayOutputStream();
        long pos = 0;
        byte[] endMarker = "end_header".getBytes(StandardCharsets.US_ASCII);
        while (true) {
            buf.clear();
            int n = ch.read(buf, pos);
            if (n < 0) break;
            seen.write(buf.array(), 0, n);
            pos += n;
            byte[] all = seen.toByteArray();
            if (pos == n) checkMagic(all, file);
            int end = findHeaderEnd(all, endMarker);
            if (end >= 0) return java.util.Arrays.copyOf(all, end);
            if (all.length > MAX_HEADER_BYTES) {
                throw new InputException(
                        file,
                        "header",
                        "no end_header line in the first " + MAX_HEADER_BYTES + " bytes");
            }
        }
        byte[] all = seen.toByteArray();
        checkMagic(all, file);
        throw new InputException(
                file, "header", "file ends (byte " + all.length + ") before the end_header line");
    }

    private static void checkMagic(byte[] start, Path file) {
        boolean ok =
                start.length >= 4
                        && start[0] == 'p'
                        && start[1] == 'l'
                        && start[2] == 'y'
                        && (start[3] == '\n' || start[3] == '\r');
        if (!ok && start.length < 4) {
            throw new InputException(
                    file, null, "not a PLY file (only " + start.length + " bytes long)");
        }
        if (!ok) {
            String shown =
                    new String(start, 0, Math.min(start.length, 8), StandardCharsets.ISO_8859_1)
                            .replaceAll("[^\\x20-\\x7e]", "?");
            throw new InputException(
                    file,
                    "byte 0",
                    "not a PLY file (it starts with \""
                            + shown
                            + "\", not \"ply\" and a line break)");
        }
    }

    /** Index just past the newline that ends the end_header line, or -1 if not yet seen. */
    private static int findHeaderEnd(byte[] a, byte[] marker) {
        outer:
        for (int i = 0; i + marker.length < a.length; i++) {
            if (i > 0 && a[i - 1] != '\n') continue;
            for (int k = 0; k < marker.length; k++) if (a[i + k] != marker[k]) continue outer;
            int j = i + marker.length;
            while (j < a.length && (a[j] == ' ' || a[j] == '\t' || a[j] == '\r')) j++;
            if (j < a.length && a[j] == '\n') return j + 1;
            if (j < a.length) continue;
            return -1;
        }
        return -1;
    }

    static PlyHeader parse(String text, long dataOffset, Path file) {
        String[] lines = text.split("\n", -1);
        Format format = null;
        List<String> comments = new ArrayList<>();
        List<Element> elements = new ArrayList<>();
        String elementName = null;
        long elementCount = 0;
        List<Property> props = new ArrayList<>();
        for (int ln = 1; ln < lines.length; ln++) {
            String place = "header line " + (ln + 1);
            String line = lines[ln].strip();
            if (line.isEmpty()) continue;
            String[] w = line.split("\\s+");
            switch (w[0]) {
                case "format" -> {
                    if (w.length != 3) throw new InputException(file, place, "malformed: " + line);
                    format = Format.parse(w[1]);
                    if (format == null) {
                        throw new InputException(
                                file,
                                place,
                                "unknown format \""
                                        + w[1]
                                        + "\" (expected ascii, binary_little_endian or binary_big_endian)");
                    }
                    if (!w[2].equals("1.0")) {
                        throw new InputException(
                                file, place, "unsupported PLY version " + w[2] + " (only 1.0)");
                    }
                }
                case "comment" -> {
                    String raw = lines[ln].stripLeading();
                    if (raw.endsWith("\r")) raw = raw.substring(0, raw.length() - 1);
                    comments.add(raw.length() > 8 ? raw.substring(8) : "");
                }
                case "obj_info" -> {
                    // Informational only; nothing downstream uses it.
                }
                case "element" -> {
                    if (elementName != null) {
                        elements.add(new Element(elementName, elementCount, props));
                    }
                    if (w.length != 3) throw new InputException(file, place, "malformed: " + line);
                    elementName = w[1];
                    try {
                        elementCount = Long.parseLong(w[2]);
                    } catch (NumberFormatException e) {
                        elementCount = -1;
                    }
                    if (elementCount < 0) {
                        throw new InputException(
                                file,
                                place,
                                "element " + w[1] + " has a bad count \"" + w[2] + "\"");
                    }
                    props = new ArrayList<>();
                }
                case "property" -> {
                    if (elementName == null) {
                        throw new InputException(file, place, "property before any element");
                    }
                    props.add(parseProperty(w, line, file, place));
                }
                case "end_header" -> {
                    if (elementName != null) {
                        elements.add(new Element(elementName, elementCount, props));
                    }
                    if (format == null) {
                        throw new InputException(file, "header", "no format line");
                    }
                    return new PlyHeader(format, elements, comments, dataOffset, ln + 1);
                }
                default ->
                        throw new InputException(
                                file, place, "unknown header keyword \"" + w[0] + "\"");
            }
        }
        throw new InputException(file, "header", "no end_header line");
    }

    private static Property parseProperty(String[] w, String line, Path file, String place) {
        if (w.length >= 2 && w[1].equals("list")) {
            if (w.length != 5) throw new InputException(file, place, "malformed: " + line);
            PlyType count = type(w[2], file, place), item = type(w[3], file, place);
            if (count.isFloating()) {
                throw new InputException(
                        file, place, "list length type " + w[2] + " is not an integer");
            }
            return new Property(w[4], item, count);
        }
        if (w.length != 3) throw new InputException(file, place, "malformed: " + line);
        return new Property(w[2], type(w[1], file, place), null);
    }

    private static PlyType type(String name, Path file, String place) {
        PlyType t = PlyType.parse(name);
        if (t == null)
            throw new InputException(file, place, "unknown property type \"" + name + "\"");
        return t;
    }
}
