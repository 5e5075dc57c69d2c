package org.flashsplat.scene;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flashsplat.core.AtomicFiles;

/**
 * Writes the PlayCanvas compressed PLY (the layout {@link CompressedPlyReader} reads) with the
 * packing splat-transform uses. Gaussians are put in Morton order first, so each 256-Gaussian chunk
 * is small in space and its bounds keep the 11-bit positions fine.
 */
public final class CompressedPlyWriter {
    private static final int CHUNK = CompressedPlyReader.CHUNK;

    private CompressedPlyWriter() {}

    public static void write(Path file, VertexTable table) throws IOException {
        InriaColumns g = new InriaColumns(table);
        AtomicFiles.write(file, out -> write(out, g));
    }

    private static void write(OutputStream out, InriaColumns g) throws IOException {
        int n = g.count, chunks = (n + CHUNK - 1) / CHUNK, shCols = g.rest.length;
        List<String> lines = new ArrayList<>();
        lines.add("ply");
        lines.add("format binary_little_endian 1.0");
        lines.add("comment written by FlashSplat Studio");
        lines.add("element chunk " + chunks);
        for (String p : CompressedPlyReader.CHUNK_BOUNDS) lines.add("property float " + p);
        for (String p : CompressedPlyReader.CHUNK_COLOUR) lines.add("property float " + p);
        lines.add("element vertex " + n);
        for (String p : CompressedPlyReader.PACKED) lines.add("property uint " + p);
        if (shCols > 0) {
            lines.add("element sh " + n);
            for (int k = 0; k < shCols; k++) lines.add("property uchar f_rest_" + k);
        }
        lines.add("end_header");
        out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.US_ASCII));
        int[] order = MortonOrder.of(g.x, g.y, g.z);
        ByteBuffer chunkData = ByteBuffer.allocate(chunks * 18 * 4).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer words = ByteBuffer.allocate(n * 16).order(ByteOrder.LITTLE_ENDIAN);
        byte[] sh = new byte[n * shCols];
        int[] members = new int[CHUNK];
        for (int c = 0; c < chunks; c++) {
            int num = Math.min(n, (c + 1) * CHUNK) - c * CHUNK;
            for (int j = 0; j < num; j++) members[j] = order[c * CHUNK + j];
            packChunk(g, members, num, chunkData, words, c);
            for (int j = 0; j < num; j++) {
                int i = members[j], row = c * CHUNK + j;
                for (int k = 0; k < shCols; k++) {
                    double unit = g.rest[k][i] / 8.0 + 0.5;
                    sh[row * shCols + k] = (byte) Math.max(0, Math.min(255, (int) (unit * 256)));
                }
            }
        }
        out.write(chunkData.array());
        out.write(words.array());
        out.write(sh);
    }

    private record Range(double min, double max) {
        static Range of(float[] v, int[] rows, int num, double lo, double hi) {
            double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < num; j++) {
                min = Math.min(min, v[rows[j]]);
                max = Math.max(max, v[rows[j]]);
            }
            return new Range(Math.max(lo, Math.min(hi, min)), Math.max(lo, Math.min(hi, max)));
        }

        double normalise(double x) {
            if (x <= min) return 0;
            if (x >= max) return 1;
            return max - min < 0.00001 ? 0 : (x - min) / (max - min);
        }
    }

    private static int unorm(double v, int bits) {
        int t = (1 << bits) - 1;
        return (int) Math.max(0, Math.min(t, Math.floor(v * t + 0.5)));
    }

    private static void packChunk(
            InriaColumns g, int[] rows, int num, ByteBuffer chunkData, ByteBuffer words, int c) {
        double inf = Double.POSITIVE_INFINITY;
        float[][] p = {g.x, g.y, g.z};
        Range[] pos = new Range[3], scale = new Range[3], colour = new Range[3];
        float[][] rgb = new float[3][g.count == 0 ? 0 : num];
        for (int a = 0; a < 3; a++) {
            pos[a] = Range.of(p[a], rows, num, -inf, inf);
            // Clamped: scales are sometimes at infinity.
            scale[a] = Range.of(g.scale[a], rows, num, -20, 20);
            for (int j = 0; j < num; j++)
                rgb[a][j] = (float) (g.dc[a][rows[j]] * Activation.SH_C0 + 0.5);
            int[] identity = new int[num];
            for (int j = 0; j < num; j++) identity[j] = j;
            colour[a] = Range.of(rgb[a], identity, num, -inf, inf);
        }
        int base = c * 18 * 4;
        for (int a = 0; a < 3; a++) {
            chunkData.putFloat(base + a * 4, (float) pos[a].min());
            chunkData.putFloat(base + (3 + a) * 4, (float) pos[a].max());
            chunkData.putFloat(base + (6 + a) * 4, (float) scale[a].min());
            chunkData.putFloat(base + (9 + a) * 4, (float) scale[a].max());
            chunkData.putFloat(base + (12 + a) * 4, (float) colour[a].min());
            chunkData.putFloat(base + (15 + a) * 4, (float) colour[a].max());
        }
        for (int j = 0; j < num; j++) {
            int i = rows[j], at = (c * CHUNK + j) * 16;
            words.putInt(at, pack111011(pos, p[0][i], p[1][i], p[2][i]));
            words.putInt(at + 4, packRotation(g.rot[0][i], g.rot[1][i], g.rot[2][i], g.rot[3][i]));
            words.putInt(at + 8, pack111011(scale, g.scale[0][i], g.scale[1][i], g.scale[2][i]));
            double opacity = 1 / (1 + Math.exp(-g.opacity[i]));
            words.putInt(
                    at + 12,
                    unorm(colour[0].normalise(rgb[0][j]), 8) << 24
                            | unorm(colour[1].normalise(rgb[1][j]), 8) << 16
                            | unorm(colour[2].normalise(rgb[2][j]), 8) << 8
                            | unorm(opacity, 8));
        }
    }

    private static int pack111011(Range[] r, double x, double y, double z) {
        return unorm(r[0].normalise(x), 11) << 21
                | unorm(r[1].normalise(y), 10) << 11
                | unorm(r[2].normalise(z), 11);
    }

    /** 2 bits for the largest component (made positive), 10 for each of the other three. */
    private static int packRotation(double r0, double r1, double r2, double r3) {
        double len = Math.sqrt(r0 * r0 + r1 * r1 + r2 * r2 + r3 * r3);
        double[] a =
                len == 0
                        ? new double[] {1, 0, 0, 0}
                        : new double[] {r0 / len, r1 / len, r2 / len, r3 / len};
        int largest = 0;
        for (int k = 1; k < 4; k++) if (Math.abs(a[k]) > Math.abs(a[largest])) largest = k;
        if (a[largest] < 0) for (int k = 0; k < 4; k++) a[k] = -a[k];
        double norm = Math.sqrt(2) * 0.5;
        int result = largest;
        for (int k = 0; k < 4; k++)
            if (k != largest) result = (result << 10) | unorm(a[k] * norm + 0.5, 10);
        return result;
    }
}
