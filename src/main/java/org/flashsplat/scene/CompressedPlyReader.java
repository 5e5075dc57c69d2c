package org.flashsplat.scene;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flashsplat.core.InputException;

/**
 * Reads the PlayCanvas compressed PLY: a {@code chunk} element (per 256 Gaussians: float bounds of
 * position, log scale and optionally colour), a {@code vertex} element of four packed 32-bit words
 * (position 11-10-11, rotation 2-10-10-10 smallest three, log scale 11-10-11, colour and opacity
 * 8-8-8-8) and an optional {@code sh} element of 8-bit coefficients. Decoded as splat-transform
 * does, in double arithmetic stored as float.
 */
public final class CompressedPlyReader {
    static final int CHUNK = 256;
    static final List<String> CHUNK_BOUNDS =
            List.of(
                    "min_x",
                    "min_y",
                    "min_z",
                    "max_x",
                    "max_y",
                    "max_z",
                    "min_scale_x",
                    "min_scale_y",
                    "min_scale_z",
                    "max_scale_x",
                    "max_scale_y",
                    "max_scale_z");
    static final List<String> CHUNK_COLOUR =
            List.of("min_r", "min_g", "min_b", "max_r", "max_g", "max_b");
    static final List<String> PACKED =
            List.of("packed_position", "packed_rotation", "packed_scale", "packed_color");

    private CompressedPlyReader() {}

    /** Whether a PLY header has the compressed layout's chunk element and packed vertex words. */
    public static boolean isCompressed(PlyHeader h) {
        PlyHeader.Element chunk = h.element("chunk"), vertex = h.element("vertex");
        if (chunk == null || vertex == null) return false;
        for (String p : PACKED) if (property(vertex, p) == null) return false;
        return property(chunk, "min_x") != null;
    }

    private static PlyHeader.Property property(PlyHeader.Element e, String name) {
        for (PlyHeader.Property p : e.properties()) if (p.name().equals(name)) return p;
        return null;
    }

    public static SceneFiles.Decoded read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            PlyHeader h = PlyHeader.read(ch, file);
            if (h.format() != PlyHeader.Format.BINARY_LITTLE_ENDIAN) {
                throw new InputException(
                        file, "header", "a compressed PLY is binary_little_endian");
            }
            PlyHeader.Element chunk = h.element("chunk"),
                    vertex = h.element("vertex"),
                    sh = h.element("sh");
            boolean colours =
                    chunk.properties().size() == CHUNK_BOUNDS.size() + CHUNK_COLOUR.size();
            checkLayout(file, h, chunk, vertex, sh, colours);
            long n = vertex.count();
            if (n > PlyReader.MAX_VERTICES)
                throw new InputException(file, "element vertex", n + " vertices");
            long need =
                    chunk.count() * chunk.fixedRowBytes()
                            + n * 16
                            + (sh == null ? 0 : sh.count() * sh.fixedRowBytes());
            if (h.dataOffset() + need > size) {
                throw new InputException(
                        file,
                        "byte " + size,
                        String.format(
                                Locale.ROOT,
                                "file is truncated: %d chunks and %d Gaussians need %d bytes of data"
                                        + " from byte %d",
                                chunk.count(),
                                n,
                                need,
                                h.dataOffset()));
            }
            ByteBuffer chunks = read(ch, h.dataOffset(), chunk.count() * chunk.fixedRowBytes());
            long at = h.dataOffset() + chunk.count() * chunk.fixedRowBytes();
            ByteBuffer words = read(ch, at, n * 16);
            at += n * 16;
            ByteBuffer shBytes = sh == null ? null : read(ch, at, sh.count() * sh.fixedRowBytes());
            List<String> warnings = new ArrayList<>();
            if (at + (sh == null ? 0 : sh.count() * sh.fixedRowBytes()) < size) {
                warnings.add("bytes after the compressed data were ignored");
            }
            int shCols = sh == null ? 0 : sh.properties().size();
            GaussianColumns g =
                    decode(
                            (int) n,
                            chunks,
                            chunk.properties().size(),
                            colours,
                            words,
                            shBytes,
                            shCols);
            List<String> quantised = new ArrayList<>();
            quantised.add(
                    "positions and log scales as 11-10-11 bits within each 256-Gaussian chunk's bounds");
            quantised.add("rotations as the smallest three components in 10 bits");
            quantised.add(
                    "colour and opacity as 8 bits"
                            + (colours ? " (colour within chunk bounds)" : ""));
            if (shCols > 0) quantised.add("SH coefficients as 8 bits over [-4, 4]");
            return new SceneFiles.Decoded(
                    g.toTable(h.comments()),
                    SceneFormat.COMPRESSED_PLY,
                    "PlayCanvas compressed PLY",
                    quantised,
                    warnings);
        }
    }

    private static void checkLayout(
            Path file,
            PlyHeader h,
            PlyHeader.Element chunk,
            PlyHeader.Element vertex,
            PlyHeader.Element sh,
            boolean colours) {
        List<String> want = new ArrayList<>(CHUNK_BOUNDS);
        if (colours) want.addAll(CHUNK_COLOUR);
        List<String> got = new ArrayList<>();
        for (PlyHeader.Property p : chunk.properties()) {
            if (p.type() != PlyType.FLOAT)
                throw new InputException(file, "element chunk", p.name() + " is not a float");
            got.add(p.name());
        }
        if (!got.equals(want)) {
            throw new InputException(
                    file, "element chunk", "properties " + got + "; expected " + want);
        }
        List<String> packed = new ArrayList<>();
        for (PlyHeader.Property p : vertex.properties()) {
            if (p.type() != PlyType.UINT)
                throw new InputException(file, "element vertex", p.name() + " is not a uint");
            packed.add(p.name());
        }
        if (!packed.equals(PACKED)) {
            throw new InputException(
                    file, "element vertex", "properties " + packed + "; expected " + PACKED);
        }
        if ((vertex.count() + CHUNK - 1) / CHUNK != chunk.count()) {
            throw new InputException(
                    file,
                    "element chunk",
                    chunk.count() + " chunks for " + vertex.count() + " Gaussians (256 per chunk)");
        }
        int expectedElements = sh == null ? 2 : 3;
        if (h.elements().size() != expectedElements
                || h.elements().get(0) != chunk
                || h.elements().get(1) != vertex) {
            throw new InputException(
                    file,
                    "header",
                    "elements must be chunk, vertex and optionally sh, in that order");
        }
        if (sh != null) {
            int k = sh.properties().size();
            if (k != 9 && k != 24 && k != 45) {
                throw new InputException(
                        file, "element sh", k + " coefficients; expected 9, 24 or 45");
            }
            for (int i = 0; i < k; i++) {
                PlyHeader.Property p = sh.properties().get(i);
                if (!p.name().equals("f_rest_" + i) || p.type() != PlyType.UCHAR) {
                    throw new InputException(
                            file, "element sh", "property " + i + " must be uchar f_rest_" + i);
                }
            }
            if (sh.count() != vertex.count()) {
                throw new InputException(
                        file,
                        "element sh",
                        sh.count() + " rows for " + vertex.count() + " Gaussians");
            }
        }
    }

    private static ByteBuffer read(FileChannel ch, long at, long bytes) throws IOException {
        if (bytes > Integer.MAX_VALUE - 8) throw new IOException("element over 2 GiB");
        ByteBuffer b = ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, at + b.position()) < 0)
                throw new IOException("file shrank while reading");
        }
        return b.flip();
    }

    private static double unorm(int value, int bits) {
        int t = (1 << bits) - 1;
        return (value & t) / (double) t;
    }

    private static double lerp(double a, double b, double t) {
        return a * (1 - t) + b * t;
    }

    private static GaussianColumns decode(
            int n,
            ByteBuffer chunks,
            int chunkCols,
            boolean colours,
            ByteBuffer words,
            ByteBuffer sh,
            int shCols) {
        int degree =
                switch (shCols) {
                    case 9 -> 1;
                    case 24 -> 2;
                    case 45 -> 3;
                    default -> 0;
                };
        GaussianColumns g = new GaussianColumns(n, degree);
        double rotNorm = 1.0 / (Math.sqrt(2) * 0.5);
        double[] r = new double[4];
        for (int i = 0; i < n; i++) {
            int base = (i / CHUNK) * chunkCols * 4;
            int pos = words.getInt(i * 16), rot = words.getInt(i * 16 + 4);
            int scl = words.getInt(i * 16 + 8), col = words.getInt(i * 16 + 12);
            double[] p = {unorm(pos >>> 21, 11), unorm(pos >>> 11, 10), unorm(pos, 11)};
            double[] s = {unorm(scl >>> 21, 11), unorm(scl >>> 11, 10), unorm(scl, 11)};
            double[] c = {
                unorm(col >>> 24, 8), unorm(col >>> 16, 8), unorm(col >>> 8, 8), unorm(col, 8)
            };
            float[][] outP = {g.x, g.y, g.z};
            for (int a = 0; a < 3; a++) {
                outP[a][i] =
                        (float)
                                lerp(
                                        chunks.getFloat(base + a * 4),
                                        chunks.getFloat(base + (3 + a) * 4),
                                        p[a]);
                g.scale[a][i] =
                        (float)
                                lerp(
                                        chunks.getFloat(base + (6 + a) * 4),
                                        chunks.getFloat(base + (9 + a) * 4),
                                        s[a]);
                double v =
                        colours
                                ? lerp(
                                        chunks.getFloat(base + (12 + a) * 4),
                                        chunks.getFloat(base + (15 + a) * 4),
                                        c[a])
                                : c[a];
                g.dc[a][i] = (float) ((v - 0.5) / Activation.SH_C0);
            }
            // The reference's -log(1/a - 1) is infinite at a = 0 or 1; the finite stand-ins keep
            // the Gaussian with the opacity the viewer gives it (0 or 1).
            g.opacity[i] = c[3] >= 1 ? 20f : c[3] <= 0 ? -20f : (float) -Math.log(1 / c[3] - 1);
            double a = (unorm(rot >>> 20, 10) - 0.5) * rotNorm;
            double b = (unorm(rot >>> 10, 10) - 0.5) * rotNorm;
            double cc = (unorm(rot, 10) - 0.5) * rotNorm;
            double m = Math.sqrt(Math.max(0, 1.0 - (a * a + b * b + cc * cc)));
            switch (rot >>> 30) {
                case 0 -> {
                    r[0] = m;
                    r[1] = a;
                    r[2] = b;
                    r[3] = cc;
                }
                case 1 -> {
                    r[0] = a;
                    r[1] = m;
                    r[2] = b;
                    r[3] = cc;
                }
                case 2 -> {
                    r[0] = a;
                    r[1] = b;
                    r[2] = m;
                    r[3] = cc;
                }
                default -> {
                    r[0] = a;
                    r[1] = b;
                    r[2] = cc;
                    r[3] = m;
                }
            }
            for (int k = 0; k < 4; k++) g.rot[k][i] = (float) r[k];
            for (int k = 0; k < shCols; k++) {
                int v = sh.get(i * shCols + k) & 0xff;
                double unit = v == 0 ? 0 : v == 255 ? 1 : (v + 0.5) / 256;
                g.rest[k][i] = (float) ((unit - 0.5) * 8);
            }
        }
        return g;
    }
}
