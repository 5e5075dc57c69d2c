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
                long v = Long.parseLong(p.trim());
                if (v < 0 || v > Integer.MAX_VALUE)
                    throw new InputException(path, "header", "bad shape " + s.group(1));
                shape[dims++] = (int) v;
                size *= v;
            }
            shape = java.util.Arrays.copyOf(shape, dims);
            String dtype = d.group(1);
            int itemSize =
                    switch (dtype.substring(1)) {
                        case "f4", "i4" -> 4;
                        case "f8", "i8" -> 8;
                        case "u1", "b1", "i1" -> 1;
                        default ->
                                throw new InputException(
                                        path, "header", "unsupported dtype " + dtype);
                    };
            long dataStart = (major == 1 ? 10 : 12) + headerLen;
            if (size * itemSize > fileSize - dataStart || size > Integer.MAX_VALUE - 8) {
                throw new InputException(
                        path,
                        "header",
                        "shape " + s.group(1) + " does not fit the file size " + fileSize);
            }
            ByteOrder order =
                    dtype.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            byte[] body = new byte[(int) (size * itemSize)];
            in.readFully(body);
            ByteBuffer b = ByteBuffer.wrap(body).order(order);
            int n = (int) size;
            Object data =
                    switch (dtype.substring(1)) {
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
                            for (int i = 0; i < n; i++) o[i] = Math.toIntExact(b.getLong());
                            yield o;
                        }
                        default -> body;
                    };
            String kind =
                    switch (dtype.substring(1)) {
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
