package org.flashsplat.core;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy {@code .npy} (format 1.0 written, 1.0-3.0 read) for the dtypes the project uses: float32,
 * int32, int64, uint8. Bodies stream through a small buffer, so arrays past 2 GiB write and read.
 */
public final class Npy {
    private Npy() {}

    private static final int BUFFER = 1 << 20;

    /**
     * An array read from a file: its kind ("float32", "int32", "int64", "uint8"), shape and data
     * (float[], int[], long[] or byte[]).
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
        AtomicFiles.write(path, out -> write(out, "<f4", shape, data));
    }

    public static void writeInt32(Path path, int[] shape, int[] data) throws IOException {
        AtomicFiles.write(path, out -> write(out, "<i4", shape, data));
    }

    public static void writeUint8(Path path, int[] shape, byte[] data) throws IOException {
        AtomicFiles.write(path, out -> write(out, "|u1", shape, data));
    }

    /** The .npy bytes of {@code data} (float[], int[], long[] or byte[], matching dtype). */
    static void write(OutputStream out, String dtype, long[] shape, Object data)
            throws IOException {
        out.write(header(dtype, shape));
        ByteBuffer b = ByteBuffer.allocate(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
        switch (data) {
            case float[] f -> {
                for (int at = 0; at < f.length; ) {
                    int n = Math.min(f.length - at, BUFFER / 4);
                    b.clear();
                    b.asFloatBuffer().put(f, at, n);
                    out.write(b.array(), 0, n * 4);
                    at += n;
                }
            }
            case int[] v -> {
                for (int at = 0; at < v.length; ) {
                    int n = Math.min(v.length - at, BUFFER / 4);
                    b.clear();
                    b.asIntBuffer().put(v, at, n);
                    out.write(b.array(), 0, n * 4);
                    at += n;
                }
            }
            case long[] v -> {
                for (int at = 0; at < v.length; ) {
                    int n = Math.min(v.length - at, BUFFER / 8);
                    b.clear();
                    b.asLongBuffer().put(v, at, n);
                    out.write(b.array(), 0, n * 8);
                    at += n;
                }
            }
            case byte[] v -> out.write(v);
            default -> throw new IllegalArgumentException("unsupported array " + data);
        }
    }

    private static void write(OutputStream out, String dtype, int[] shape, Object data)
            throws IOException {
        long[] s = new long[shape.length];
        for (int i = 0; i < shape.length; i++) s[i] = shape[i];
        write(out, dtype, s, data);
    }

    private static byte[] header(String dtype, long[] shape) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            s.append(shape[i]);
            if (shape.length == 1 || i < shape.length - 1) s.append(shape.length == 1 ? "," : ", ");
        }
        s.append(")");
        String dict = "{'descr': '" + dtype + "', 'fortran_order': False, 'shape': " + s + ", }";
        int unpadded = 10 + dict.length() + 1;
        int pad = (64 - unpadded % 64) % 64;
        byte[] h = (dict + " ".repeat(pad) + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[10 + h.length];
        System.arraycopy(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}, 0, out, 0, 8);
        out[8] = (byte) (h.length & 0xff);
        out[9] = (byte) ((h.length >> 8) & 0xff);
        System.arraycopy(h, 0, out, 10, h.length);
        return out;
    }

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /**
     * Reads float32/float64 (as float), int32 (as int), int64 (as long; see {@link #ints}),
     * uint8/bool arrays in C order.
     */
    public static Array read(Path path) {
        try (InputStream raw = Files.newInputStream(path)) {
            return read(raw, Files.size(path), path);
        } catch (IOException e) {
            throw new InputException(path, null, "cannot read: " + e.getMessage());
        }
    }

    /**
     * Reads one array from a stream of {@code available} bytes (a file, a zip entry); {@code
     * path} names it in messages. The header is checked against {@code available} before
     * anything is allocated.
     */
    public static Array read(InputStream raw, long available, Path path) {
        try {
            DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw));
            byte[] magic = new byte[8];
            in.readFully(magic);
            if ((magic[0] & 0xff) != 0x93
                    || magic[1] != 'N'
                    || magic[2] != 'U'
                    || magic[3] != 'M') {
                throw new InputException(path, "byte 0", "not a NumPy .npy file");
            }
            int major = magic[6];
            int headerLen;
            if (major == 1) {
                headerLen = in.readUnsignedByte() | (in.readUnsignedByte() << 8);
            } else {
                byte[] l = new byte[4];
                in.readFully(l);
                headerLen = ByteBuffer.wrap(l).order(ByteOrder.LITTLE_ENDIAN).getInt();
            }
            if (headerLen <= 0 || headerLen > 1 << 20)
                throw new InputException(path, "header", "bad header length");
            byte[] h = new byte[headerLen];
            in.readFully(h);
            String header = new String(h, StandardCharsets.US_ASCII);
            Matcher d = DESCR.matcher(header),
                    f = FORTRAN.matcher(header),
                    s = SHAPE.matcher(header);
            if (!d.find() || !f.find() || !s.find())
                throw new InputException(path, "header", "unreadable .npy header");
            if (f.group(1).equals("True"))
                throw new InputException(path, "header", "Fortran-order arrays are not supported");
            String[] parts = s.group(1).split(",");
            int dims = 0;
            int[] shape = new int[parts.length];
            long size = 1;
            for (String p : parts) {
                if (p.isBlank()) continue;
                long v;
                try {
                    v = Long.parseLong(p.trim());
                } catch (NumberFormatException e) {
                    throw new InputException(path, "header", "bad shape (" + s.group(1) + ")");
                }
                if (v < 0 || v > Integer.MAX_VALUE)
                    throw new InputException(path, "header", "bad shape (" + s.group(1) + ")");
                shape[dims++] = (int) v;
                size = Math.multiplyHigh(size, v) != 0 ? Long.MAX_VALUE : size * v;
            }
            shape = java.util.Arrays.copyOf(shape, dims);
            String dtype = d.group(1);
            if (dtype.length() < 2)
                throw new InputException(path, "header", "unsupported dtype '" + dtype + "'");
            String code = dtype.substring(1);
            int itemSize =
                    switch (code) {
                        case "f4", "i4" -> 4;
                        case "f8", "i8" -> 8;
                        case "u1", "b1", "i1" -> 1;
                        default ->
                                throw new InputException(
                                        path, "header", "unsupported dtype '" + dtype + "'");
                    };
            long dataStart = (major == 1 ? 10 : 12) + headerLen;
            if (size > (available - dataStart) / itemSize || size > Integer.MAX_VALUE - 8) {
                throw new InputException(
                        path,
                        "header",
                        "shape (" + s.group(1) + ") does not fit the file size " + available);
            }
            ByteOrder order =
                    dtype.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            int n = (int) size;
            Object data = body(in, code, n, itemSize, order);
            String kind =
                    switch (code) {
                        case "f4", "f8" -> "float32";
                        case "i4" -> "int32";
                        case "i8" -> "int64";
                        default -> "uint8";
                    };
            return new Array(kind, shape, data);
        } catch (java.io.EOFException e) {
            throw new InputException(path, null, "file ends before the array does");
        } catch (IOException e) {
            throw new InputException(path, null, "cannot read: " + e.getMessage());
        }
    }

    private static Object body(DataInputStream in, String code, int n, int itemSize, ByteOrder order)
            throws IOException {
        if (itemSize == 1) {
            byte[] o = new byte[n];
            in.readFully(o);
            return o;
        }
        byte[] chunk = new byte[BUFFER];
        ByteBuffer b = ByteBuffer.wrap(chunk).order(order);
        Object out =
                switch (code) {
                    case "f4", "f8" -> new float[n];
                    case "i4" -> new int[n];
                    default -> new long[n];
                };
        int per = BUFFER / itemSize;
        for (int at = 0; at < n; ) {
            int k = Math.min(per, n - at);
            in.readFully(chunk, 0, k * itemSize);
            b.clear();
            switch (code) {
                case "f4" -> b.asFloatBuffer().get((float[]) out, at, k);
                case "f8" -> {
                    float[] o = (float[]) out;
                    for (int j = 0; j < k; j++) o[at + j] = (float) b.getDouble(j * 8);
                }
                case "i4" -> b.asIntBuffer().get((int[]) out, at, k);
                default -> b.asLongBuffer().get((long[]) out, at, k);
            }
            at += k;
        }
        return out;
    }

    /** The array as int32, checking int64 values fit (ids, labels). */
    public static int[] ints(Array a, Path path) {
        if (a.data() instanceof int[] v) return v;
        if (a.data() instanceof long[] v) {
            int[] o = new int[v.length];
            for (int i = 0; i < v.length; i++) {
                if (v[i] < Integer.MIN_VALUE || v[i] > Integer.MAX_VALUE)
                    throw new InputException(
                            path, "element " + i, "value " + v[i] + " does not fit in int32");
                o[i] = (int) v[i];
            }
            return o;
        }
        throw new InputException(path, "header", "expected integers, not " + a.dtype());
    }
}
