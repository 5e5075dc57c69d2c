package org.flashsplat.scene;

import io.airlift.compress.v3.MalformedInputException;
import io.airlift.compress.v3.zstd.ZstdDecompressor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.flashsplat.core.InputException;

/**
 * Reads Niantic's {@code .spz}: versions 1-3 are one gzip stream (16-byte header, then the
 * attribute arrays), version 4 a 32-byte "NGSP" header, a table of contents and one zstd frame per
 * attribute. Decoded as the reference library does (float arithmetic, RUB storage flipped to the
 * PLY's RDF axes, as splat-transform asks it to), into the Inria PLY layout.
 */
public final class SpzReader {
    static final int MAGIC = 0x5053474e; // "NGSP" little endian
    static final int LEGACY_HEADER = 16, NGSP_HEADER = 32;
    static final float COLOR_SCALE = 0.15f;
    private static final float SQRT1_2 = 0.707106781186547524401f;

    /** SPZ stores RUB axes, the PLY uses RDF: y and z flip, and so do these SH coefficients. */
    private static final float[] SH_FLIP = {-1, -1, 1, -1, 1, 1, -1, 1, -1, 1, -1, -1, 1, -1, 1};

    /** The legacy path reads the whole inflated stream; its size is what a Java array can hold. */
    private static final long MAX_INFLATED = Integer.MAX_VALUE - 16;

    private SpzReader() {}

    /** The header values a decode needs. */
    private record Header(int version, int count, int shDegree, int fractionalBits, int flags) {}

    public static SceneFiles.Decoded read(Path file) throws IOException {
        long size = Files.size(file);
        if (size < 4) throw new InputException(file, "byte 0", "too short for an SPZ file");
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(4);
        }
        List<String> warnings = new ArrayList<>();
        GaussianColumns g;
        Header h;
        if (ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getInt(0) == MAGIC) {
            if (size > Integer.MAX_VALUE - 8) {
                throw new InputException(file, null, "SPZ files over 2 GiB are not supported");
            }
            byte[] all = Files.readAllBytes(file);
            ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
            h = header(b, file, NGSP_HEADER);
            if (h.version() < 4) {
                throw new InputException(
                        file, "byte 4", "version " + h.version() + " with an uncompressed header");
            }
            byte[][] streams = zstdStreams(all, b, h, file);
            g = unpack(h, streams, file, warnings);
        } else if ((head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            byte[] inflated = inflate(file);
            ByteBuffer b = ByteBuffer.wrap(inflated).order(ByteOrder.LITTLE_ENDIAN);
            if (inflated.length < LEGACY_HEADER || b.getInt(0) != MAGIC) {
                throw new InputException(file, "byte 0", "gzip data without an SPZ (NGSP) header");
            }
            h = header(b, file, LEGACY_HEADER);
            if (h.version() > 3) {
                throw new InputException(
                        file, "byte 4", "version " + h.version() + " inside a gzip stream");
            }
            g = unpack(h, legacyStreams(inflated, h, file, warnings), file, warnings);
        } else {
            throw new InputException(
                    file, "byte 0", "not an SPZ file (neither an NGSP header nor gzip data)");
        }
        List<String> quantised = new ArrayList<>();
        quantised.add(
                h.version() == 1
                        ? "positions as float16"
                        : "positions as 24-bit fixed point ("
                                + h.fractionalBits()
                                + " fractional bits)");
        quantised.add("scales as 8-bit logs (1/16 steps), opacity and colour as 8 bits");
        quantised.add(
                h.version() >= 3
                        ? "rotations as the smallest three components in 10 bits"
                        : "rotations as x, y, z in 8 bits");
        if (h.shDegree() > 0) quantised.add("SH coefficients as 8 bits");
        String form = String.format(Locale.ROOT, "SPZ version %d", h.version());
        return new SceneFiles.Decoded(
                g.toTable(List.of("decoded from " + form)),
                SceneFormat.SPZ,
                form,
                quantised,
                warnings);
    }

    private static Header header(ByteBuffer b, Path file, int headerBytes) {
        if (b.limit() < headerBytes)
            throw new InputException(file, "byte 0", "header is truncated");
        int version = b.getInt(4);
        long count = Integer.toUnsignedLong(b.getInt(8));
        int degree = b.get(12) & 0xff;
        int fractional = b.get(13) & 0xff;
        int flags = b.get(14) & 0xff;
        if (version < 1 || version > 4) {
            throw new InputException(
                    file, "byte 4", "unsupported SPZ version " + version + " (1-4)");
        }
        if (count == 0 || count > PlyReader.MAX_VERTICES) {
            throw new InputException(file, "byte 8", "bad point count " + count);
        }
        if (degree > 4) throw new InputException(file, "byte 12", "SH degree " + degree + " (0-4)");
        if (fractional > 23) {
            throw new InputException(file, "byte 13", fractional + " fractional bits (at most 23)");
        }
        return new Header(version, (int) count, degree, fractional, flags);
    }

    private static int shDim(int degree) {
        return (degree + 1) * (degree + 1) - 1;
    }

    /** Bytes per point of each attribute, in stream order: positions, alphas, colours, ... */
    private static int[] perPoint(Header h) {
        return new int[] {
            h.version() == 1 ? 6 : 9, 1, 3, 3, h.version() >= 3 ? 4 : 3, shDim(h.shDegree()) * 3
        };
    }

    private static byte[] inflate(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            byte[] out = in.readNBytes((int) Math.min(MAX_INFLATED, Integer.MAX_VALUE - 16));
            if (in.read() >= 0) {
                throw new InputException(file, null, "inflates to more than 2 GiB; not supported");
            }
            return out;
        } catch (ZipException | java.io.EOFException e) {
            throw new InputException(file, null, "broken gzip data: " + e.getMessage());
        }
    }

    private static byte[][] legacyStreams(
            byte[] inflated, Header h, Path file, List<String> warnings) {
        int[] per = perPoint(h);
        long need = LEGACY_HEADER;
        for (int p : per) need += (long) p * h.count();
        if (inflated.length < need) {
            throw new InputException(
                    file,
                    "point data",
                    String.format(
                            Locale.ROOT,
                            "truncated: %d points need %d bytes after inflating, there are %d",
                            h.count(),
                            need,
                            inflated.length));
        }
        if ((h.flags() & 2) != 0) warnings.add("SPZ extensions were skipped");
        byte[][] streams = new byte[per.length][];
        int at = LEGACY_HEADER;
        for (int k = 0; k < per.length; k++) {
            int len = per[k] * h.count();
            streams[k] = java.util.Arrays.copyOfRange(inflated, at, at + len);
            at += len;
        }
        return streams;
    }

    private static byte[][] zstdStreams(byte[] all, ByteBuffer b, Header h, Path file) {
        int[] per = perPoint(h);
        int numStreams = b.get(15) & 0xff;
        long toc = Integer.toUnsignedLong(b.getInt(16));
        int expected = 0;
        for (int p : per) if (p > 0) expected++;
        if (numStreams != expected) {
            throw new InputException(
                    file,
                    "byte 15",
                    numStreams + " streams; SH degree " + h.shDegree() + " needs " + expected);
        }
        if (toc < NGSP_HEADER || toc + 16L * numStreams > all.length) {
            throw new InputException(file, "byte 16", "table of contents outside the file");
        }
        byte[][] streams = new byte[per.length][];
        long at = toc + 16L * numStreams;
        int s = 0;
        // aircompressor's bundled libzstd (through FFM) where it ships one, else its Java decoder;
        // zstd is lossless, so both give the same bytes.
        ZstdDecompressor zstd = ZstdDecompressor.create();
        for (int k = 0; k < per.length; k++) {
            if (per[k] == 0) {
                streams[k] = new byte[0];
                continue;
            }
            long compressed = b.getLong((int) toc + 16 * s);
            long plain = b.getLong((int) toc + 16 * s + 8);
            long want = (long) per[k] * h.count();
            String place = "stream " + s;
            if (plain != want) {
                throw new InputException(
                        file,
                        place,
                        plain + " bytes uncompressed; " + h.count() + " points need " + want);
            }
            if (compressed < 0 || compressed > all.length - at) {
                throw new InputException(file, place, "runs past the end of the file");
            }
            long framed = zstd.getDecompressedSize(all, (int) at, (int) compressed);
            if (framed >= 0 && framed != want) {
                throw new InputException(
                        file, place, "zstd frame holds " + framed + " bytes, not " + want);
            }
            streams[k] = new byte[(int) want];
            try {
                int got =
                        zstd.decompress(all, (int) at, (int) compressed, streams[k], 0, (int) want);
                if (got != want) {
                    throw new InputException(
                            file, place, "zstd frame gave " + got + " bytes, not " + want);
                }
            } catch (MalformedInputException e) {
                throw new InputException(file, place, "broken zstd data: " + e.getMessage());
            }
            at += compressed;
            s++;
        }
        if (at != all.length) {
            throw new InputException(
                    file, "byte " + at, (all.length - at) + " bytes after the last stream");
        }
        return streams;
    }

    private static GaussianColumns unpack(Header h, byte[][] st, Path file, List<String> warnings) {
        int n = h.count();
        int keptDegree = Math.min(3, h.shDegree());
        if (h.shDegree() > 3) warnings.add("SH band 4 was dropped (this program uses degrees 0-3)");
        GaussianColumns g = new GaussianColumns(n, keptDegree);
        byte[] pos = st[0], alpha = st[1], color = st[2], scale = st[3], rot = st[4], sh = st[5];
        float step = (float) (1.0 / (1 << h.fractionalBits()));
        float[] q = new float[4];
        for (int i = 0; i < n; i++) {
            float[] p = new float[3];
            for (int c = 0; c < 3; c++) {
                if (h.version() == 1) {
                    int at = (i * 3 + c) * 2;
                    p[c] =
                            Float.float16ToFloat(
                                    (short) ((pos[at] & 0xff) | (pos[at + 1] & 0xff) << 8));
                } else {
                    int at = (i * 3 + c) * 3;
                    int fixed =
                            (pos[at] & 0xff)
                                    | (pos[at + 1] & 0xff) << 8
                                    | (pos[at + 2] & 0xff) << 16;
                    if ((fixed & 0x800000) != 0) fixed |= 0xff000000;
                    p[c] = (float) fixed * step;
                }
            }
            g.x[i] = p[0];
            g.y[i] = -p[1];
            g.z[i] = -p[2];
            for (int c = 0; c < 3; c++) {
                g.scale[c][i] = (scale[i * 3 + c] & 0xff) / 16.0f - 10.0f;
                g.dc[c][i] = (((color[i * 3 + c] & 0xff) / 255.0f) - 0.5f) / COLOR_SCALE;
            }
            g.opacity[i] = GaussianColumns.logit((alpha[i] & 0xff) / 255.0f);
            if (h.version() >= 3) smallestThree(rot, i * 4, q);
            else firstThree(rot, i * 3, q);
            // q is (x, y, z, w) in RUB; turning the y and z axes round to RDF negates y and z.
            g.rot[0][i] = q[3];
            g.rot[1][i] = q[0];
            g.rot[2][i] = -q[1];
            g.rot[3][i] = -q[2];
            int dim = shDim(h.shDegree()), kept = g.restPerChannel();
            for (int k = 0; k < kept; k++) {
                for (int c = 0; c < 3; c++) {
                    int v = sh[(i * dim + k) * 3 + c] & 0xff;
                    g.rest[c * kept + k][i] = ((v - 128.0f) / 128.0f) * SH_FLIP[k];
                }
            }
        }
        return g;
    }

    /**
     * Version 3+: 2 bits name the largest component, the others are 9-bit magnitudes with signs.
     */
    private static void smallestThree(byte[] r, int at, float[] q) {
        int comp =
                (r[at] & 0xff)
                        | (r[at + 1] & 0xff) << 8
                        | (r[at + 2] & 0xff) << 16
                        | (r[at + 3] & 0xff) << 24;
        int mask = (1 << 9) - 1;
        int largest = comp >>> 30;
        float sum = 0;
        for (int i = 3; i >= 0; i--) {
            if (i == largest) continue;
            int mag = comp & mask;
            int neg = (comp >>> 9) & 1;
            comp >>>= 10;
            q[i] = SQRT1_2 * (float) mag / (float) mask;
            if (neg == 1) q[i] = -q[i];
            sum += q[i] * q[i];
        }
        q[largest] = (float) Math.sqrt(1.0f - sum);
    }

    /** Version 2: x, y, z as 8-bit signed fractions, w the non-negative rest of a unit length. */
    private static void firstThree(byte[] r, int at, float[] q) {
        float sum = 0;
        for (int k = 0; k < 3; k++) {
            q[k] = (r[at + k] & 0xff) * (1.0f / 127.5f) + -1.0f;
            sum += q[k] * q[k];
        }
        q[3] = (float) Math.sqrt(Math.max(0.0f, 1.0f - sum));
    }
}
