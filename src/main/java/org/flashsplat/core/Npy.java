package org.flashsplat.core;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** NumPy {@code .npy} (format 1.0) for the few dtypes the project writes: float32, int32, uint8. */
public final class Npy {
    private Npy() {}

    /**
     * An array read from a file: its dtype descriptor, shape and data (float[], int[] or byte[]).
     */
    public record Array(String dtype, int[] shape, Object data) {
        public float[] floats() {
            if (data instanceof float[] f) return f;
            throw new IllegalStateException("array is " + dtype + ", not float32");
        }

        public long size() {
            long n = 1;
            for (int s : shape) n *= s;
            return n;
        }
    }

    public static void writeFloat32(Path path, int[] shape, float[] data) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(data);
        write(path, "<f4", shape, b.array());
    }

    public static void writeInt32(Path path, int[] shape, int[] data) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(data);
        write(path, "<i4", shape, b.array());
    }

    public static void writeUint8(Path path, int[] shape, byte[] data) throws IOException {
        write(path, "|u1", shape, data);
    }

    private static void write(Path path, String dtype, int[] shape, byte[] body)
            throws IOException {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            s.append(shape[i]);
            if (shape.length == 1 || i < shape.length - 1) s.append(shape.length == 1 ? "," : ", ");
        }
        s.append(")");
        String dict = "{'descr': '" + dtype + "', 'fortran_order': False, 'shape': " + s + ", }";
        int unpadded = 10 + dict.length() + 1;
        int pad = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        byte[] h = header.getBytes(StandardCharsets.US_ASCII);
        AtomicFiles.write(
                path,
                out -> {
                    out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
                    out.write(h.length & 0xff);
                    out.write((h.length >> 8) & 0xff);
                    out.write(h);
                    out.write(body);
                });
    }

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final Pattern DTYPE = Pattern.compile("[<>|=]?(f4|f8|i4|i8|u1|b1|i1)");
    private static final Pattern DIM = Pattern.compile("\\d{1,18}");

    /**
     * A checked {@code .npy} header: the dtype descriptor (as written, e.g. {@code <f4}), the
     * shape, the number of elements and the bytes per element.
     */
    public record Header(String descr, int[] shape, long elements, int itemSize) {
        /** Bytes of data the header promises. */
        public long dataBytes() {
            return elements * itemSize; // both checked: at most 2^28 * 8
        }
    }

    /**
     * Parses and checks the text of a {@code .npy} header dictionary: a supported dtype, C order, a
     * shape of plain non-negative integers whose element count stays within {@link
     * Limits#MAX_ARRAY_ELEMENTS}. Nothing is sized by the header before these checks pass.
     *
     * @throws InputException naming {@code file} and "header" otherwise
     */
    public static Header parseHeader(Path file, String header) {
        Matcher d = DESCR.matcher(header), f = FORTRAN.matcher(header), s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find()) {
            throw new InputException(
                    file, "header", "unreadable .npy header (needs descr, fortran_order, shape)");
        }
        if (f.group(1).equals("True")) {
            throw new InputException(file, "header", "Fortran-order arrays are not supported");
        }
        String descr = d.group(1);
        if (!DTYPE.matcher(descr).matches()) {
            throw new InputException(
                    file,
                    "header",
                    "unsupported dtype '"
                            + descr
                            + "' (float32/64, int32/64, uint8 or bool are read)");
        }
        String text = s.group(1).strip();
        String[] parts = text.isEmpty() ? new String[0] : text.split(",", -1);
        int[] shape = new int[parts.length];
        int dims = 0;
        long elements = 1;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].strip();
            if (p.isEmpty() && i == parts.length - 1 && i > 0) continue; // "(5,)"
            if (!DIM.matcher(p).matches()) {
                throw new InputException(
                        file,
                        "header",
                        "bad shape (" + text + "): dimension '" + p + "' is not a whole number");
            }
            long v = Long.parseLong(p);
            if (v > Integer.MAX_VALUE) {
                throw new InputException(
                        file,
                        "header",
                        "bad shape (" + text + "): dimension " + v + " is too large");
            }
            shape[dims++] = (int) v;
            try {
                elements = Math.multiplyExact(elements, v);
            } catch (ArithmeticException e) {
                elements = Long.MAX_VALUE;
            }
        }
        if (elements > Limits.MAX_ARRAY_ELEMENTS) {
            throw new InputException(
                    file,
                    "header",
                    "shape ("
                            + text
                            + ") has "
                            + (elements == Long.MAX_VALUE ? "over 2^63" : elements)
                            + " elements, over the limit of "
                            + Limits.MAX_ARRAY_ELEMENTS);
        }
        int itemSize =
                switch (descr.substring(descr.length() - 2)) {
                    case "f4", "i4" -> 4;
                    case "f8", "i8" -> 8;
                    default -> 1;
                };
        return new Header(descr, java.util.Arrays.copyOf(shape, dims), elements, itemSize);
    }

    /** Reads float32/float64 (as float), int32/int64 (as int), uint8/bool arrays in C order. */
    public static Array read(Path path) {
        try (InputStream raw = Files.newInputStream(path);
                DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw))) {
            long fileSize = Files.size(path);
            byte[] magic = new byte[8];
            in.readFully(magic);
            if ((magic[0] & 0xff) != 0x93
                    || magic[1] != 'N'
                    || magic[2] != 'U'
                    || magic[3] != 'M'
                    || magic[4] != 'P'
                    || magic[5] != 'Y') {
                throw new InputException(path, "byte 0", "not a NumPy .npy file");
            }
            int major = magic[6];
            if (major < 1 || major > 3) {
                throw new InputException(path, "byte 6", "unknown .npy format version " + major);
            }
            long headerLen;
            if (major == 1) {
                headerLen = in.readUnsignedByte() | (in.readUnsignedByte() << 8);
            } else {
                byte[] l = new byte[4];
                in.readFully(l);
                headerLen =
                        Integer.toUnsignedLong(
                                ByteBuffer.wrap(l).order(ByteOrder.LITTLE_ENDIAN).getInt());
            }
            long dataStart = (major == 1 ? 10 : 12) + headerLen;
            if (headerLen <= 0 || headerLen > 1 << 20 || dataStart > fileSize) {
                throw new InputException(
                        path,
                        "header",
                        "bad header length " + headerLen + " for a file of " + fileSize + " bytes");
            }
            byte[] h = new byte[(int) headerLen];
            in.readFully(h);
            Header hd =
                    parseHeader(
                            path,
                            new String(
                                    h,
                                    major == 3
                                            ? StandardCharsets.UTF_8
                                            : StandardCharsets.ISO_8859_1));
            int[] shape = hd.shape();
            String dtype = hd.descr();
            int itemSize = hd.itemSize();
            long size = hd.elements();
            if (hd.dataBytes() > Integer.MAX_VALUE - 8) {
                throw new InputException(
                        path,
                        "header",
                        "array of " + hd.dataBytes() + " bytes is too large to read (over 2 GB)");
            }
            if (hd.dataBytes() > fileSize - dataStart) {
                throw new InputException(
                        path,
                        "header",
                        "shape "
                                + java.util.Arrays.toString(shape)
                                + " of "
                                + dtype
                                + " needs "
                                + hd.dataBytes()
                                + " bytes of data, the file has "
                                + (fileSize - dataStart));
            }
            ByteOrder order =
                    dtype.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            byte[] body = new byte[(int) (size * itemSize)];
            in.readFully(body);
            ByteBuffer b = ByteBuffer.wrap(body).order(order);
            int n = (int) size;
            Object data =
                    switch (dtype.substring(dtype.length() - 2)) {
                        case "f4" -> {
                            float[] o = new float[n];
                            b.asFloatBuffer().get(o);
                            yield o;
                        }
                        case "f8" -> {
                            float[] o = new float[n];
                            for (int i = 0; i < n; i++) o[i] = (float) b.getDouble();
                            yield o;
                        }
                        case "i4" -> {
                            int[] o = new int[n];
                            b.asIntBuffer().get(o);
                            yield o;
                        }
                        case "i8" -> {
                            int[] o = new int[n];
                            for (int i = 0; i < n; i++) {
                                long v = b.getLong();
                                if (v != (int) v) {
                                    throw new InputException(
                                            path,
                                            "element " + i,
                                            "int64 value " + v + " does not fit in int32");
                                }
                                o[i] = (int) v;
                            }
                            yield o;
                        }
                        default -> body;
                    };
            String kind =
                    switch (dtype.substring(dtype.length() - 2)) {
                        case "f4", "f8" -> "float32";
                        case "i4", "i8" -> "int32";
                        default -> "uint8";
                    };
            return new Array(kind, shape, data);
        } catch (java.io.EOFException e) {
            throw new InputException(path, null, "file ends before the array does");
        } catch (IOException e) {
            throw new InputException(path, null, "cannot read: " + e.getMessage());
        }
    }
}
