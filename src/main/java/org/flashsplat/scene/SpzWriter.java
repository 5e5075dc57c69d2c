package org.flashsplat.scene;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.flashsplat.core.AtomicFiles;

/**
 * Writes SPZ version 3 (one gzip stream), which every SPZ reader of versions 2-4 loads, with the
 * reference encoder's quantisation: 12 fractional bits for positions, smallest-three rotations, 5
 * bits for SH band 1 and 4 for the others; PLY (RDF) axes stored as SPZ's RUB.
 */
public final class SpzWriter {
    private static final int VERSION = 3, FRACTIONAL_BITS = 12;
    private static final int SH1_BUCKET = 1 << (8 - 5), SH_REST_BUCKET = 1 << (8 - 4);
    private static final float[] SH_FLIP = {-1, -1, 1, -1, 1, 1, -1, 1, -1, 1, -1, -1, 1, -1, 1};

    private SpzWriter() {}

    /** Writes atomically: a failure leaves no half-written file. */
    public static void write(Path file, VertexTable table) throws IOException {
        InriaColumns g = new InriaColumns(table);
        AtomicFiles.write(file, out -> write(out, g));
    }

    private static void write(OutputStream raw, InriaColumns g) throws IOException {
        int n = g.count, dim = g.restPerChannel;
        GZIPOutputStream out = new GZIPOutputStream(raw, 1 << 16);
        ByteBuffer h = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(SpzReader.MAGIC).putInt(VERSION).putInt(n);
        h.put((byte) g.shDegree()).put((byte) FRACTIONAL_BITS).put((byte) 0).put((byte) 0);
        out.write(h.array());
        byte[] pos = new byte[n * 9];
        float unit = 1 << FRACTIONAL_BITS;
        int limit = (1 << 23) - 1;
        for (int i = 0; i < n; i++) {
            float[] p = {g.x[i] * unit, -(g.y[i] * unit), -(g.z[i] * unit)};
            for (int c = 0; c < 3; c++) {
                int fixed = (int) Math.max(-limit, Math.min(limit, roundHalfAway(p[c])));
                pos[i * 9 + c * 3] = (byte) fixed;
                pos[i * 9 + c * 3 + 1] = (byte) (fixed >> 8);
                pos[i * 9 + c * 3 + 2] = (byte) (fixed >> 16);
            }
        }
        out.write(pos);
        byte[] alpha = new byte[n];
        for (int i = 0; i < n; i++)
            alpha[i] = toByte((float) (1 / (1 + Math.exp(-g.opacity[i]))) * 255.0f);
        out.write(alpha);
        byte[] colour = new byte[n * 3], scale = new byte[n * 3];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                colour[i * 3 + c] =
                        toByte(g.dc[c][i] * (SpzReader.COLOR_SCALE * 255.0f) + (0.5f * 255.0f));
                scale[i * 3 + c] = toByte((g.scale[c][i] + 10.0f) * 16.0f);
            }
        }
        out.write(colour);
        out.write(scale);
        byte[] rot = new byte[n * 4];
        for (int i = 0; i < n; i++) smallestThree(g, i, rot, i * 4);
        out.write(rot);
        byte[] sh = new byte[n * dim * 3];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < dim; k++) {
                int bucket = k < 3 ? SH1_BUCKET : SH_REST_BUCKET;
                for (int c = 0; c < 3; c++) {
                    float v = g.rest[c * dim + k][i] * SH_FLIP[k];
                    int q = (int) (roundHalfAway(v * 128.0f) + 128.0f);
                    q = (q + bucket / 2) / bucket * bucket;
                    sh[(i * dim + k) * 3 + c] = (byte) Math.max(0, Math.min(255, q));
                }
            }
        }
        out.write(sh);
        out.finish();
    }

    /** Rounds half away from zero, as C's round does. */
    private static float roundHalfAway(float v) {
        return (float) (Math.signum(v) * Math.floor(Math.abs(v) + 0.5));
    }

    private static byte toByte(float v) {
        return (byte) Math.max(0f, Math.min(255f, roundHalfAway(v)));
    }

    /** Normalised, turned to RUB (y and z negated), the largest component made positive. */
    private static void smallestThree(InriaColumns g, int i, byte[] out, int at) {
        float w = g.rot[0][i], x = g.rot[1][i], y = -g.rot[2][i], z = -g.rot[3][i];
        float norm = (float) Math.sqrt(w * w + x * x + y * y + z * z);
        float[] q =
                norm == 0
                        ? new float[] {0, 0, 0, 1}
                        : new float[] {x / norm, y / norm, z / norm, w / norm};
        int largest = 0;
        for (int k = 1; k < 4; k++) if (Math.abs(q[k]) > Math.abs(q[largest])) largest = k;
        boolean negate = q[largest] < 0;
        int comp = largest;
        for (int k = 0; k < 4; k++) {
            if (k == largest) continue;
            int neg = (q[k] < 0) ^ negate ? 1 : 0;
            int mag = (int) (511f * (Math.abs(q[k]) / 0.707106781186547524401f) + 0.5f);
            comp = (comp << 10) | (neg << 9) | mag;
        }
        out[at] = (byte) comp;
        out[at + 1] = (byte) (comp >> 8);
        out[at + 2] = (byte) (comp >> 16);
        out[at + 3] = (byte) (comp >> 24);
    }
}
