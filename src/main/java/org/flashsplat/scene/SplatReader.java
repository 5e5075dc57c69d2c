package org.flashsplat.scene;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import org.flashsplat.core.InputException;

/**
 * Reads antimatter15's {@code .splat}: 32 bytes per Gaussian (position and linear scale as float32,
 * RGBA as 8 bits, rotation w x y z as 8 bits mapping [0, 255] to [-1, 1]); no SH. Decoded as
 * splat-transform does.
 */
public final class SplatReader {
    static final int ROW = 32;
    private static final double EPSILON = 1e-6;

    private SplatReader() {}

    public static SceneFiles.Decoded read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size == 0 || size % ROW != 0) {
                throw new InputException(
                        file,
                        "byte " + size,
                        String.format(
                                Locale.ROOT,
                                "a .splat file is whole 32-byte rows; this one has %d bytes",
                                size));
            }
            if (size / ROW > PlyReader.MAX_VERTICES) {
                throw new InputException(file, null, (size / ROW) + " Gaussians; too many");
            }
            int n = (int) (size / ROW);
            GaussianColumns g = new GaussianColumns(n, 0);
            ByteBuffer b = ByteBuffer.allocate(ROW * 32768).order(ByteOrder.LITTLE_ENDIAN);
            for (int first = 0; first < n; ) {
                int rows = Math.min(32768, n - first);
                b.clear().limit(rows * ROW);
                while (b.hasRemaining()) {
                    if (ch.read(b, (long) first * ROW + b.position()) < 0) {
                        throw new InputException(file, null, "file shrank while reading");
                    }
                }
                for (int r = 0; r < rows; r++) decode(b, r * ROW, g, first + r);
                first += rows;
            }
            return new SceneFiles.Decoded(
                    g.toTable(List.of("decoded from .splat")),
                    SceneFormat.SPLAT,
                    "antimatter15 .splat",
                    List.of("colour, opacity and rotation as 8 bits; no SH"),
                    List.of());
        }
    }

    private static void decode(ByteBuffer b, int at, GaussianColumns g, int i) {
        g.x[i] = b.getFloat(at);
        g.y[i] = b.getFloat(at + 4);
        g.z[i] = b.getFloat(at + 8);
        for (int c = 0; c < 3; c++) {
            g.scale[c][i] = (float) Math.log(b.getFloat(at + 12 + 4 * c));
            g.dc[c][i] = (float) (((b.get(at + 24 + c) & 0xff) / 255.0 - 0.5) / Activation.SH_C0);
        }
        double o = Math.max(EPSILON, Math.min(1.0 - EPSILON, (b.get(at + 27) & 0xff) / 255.0));
        g.opacity[i] = (float) Math.log(o / (1.0 - o));
        double[] q = new double[4];
        double len = 0;
        for (int k = 0; k < 4; k++) {
            q[k] = ((b.get(at + 28 + k) & 0xff) / 255.0) * 2.0 - 1.0;
            len += q[k] * q[k];
        }
        len = Math.sqrt(len);
        for (int k = 0; k < 4; k++)
            g.rot[k][i] = len > 0 ? (float) (q[k] / len) : (k == 0 ? 1f : 0f);
    }
}
