package org.flashsplat.sam;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Short content hashes that name cached embeddings. A model is keyed by its encoder (the decoder
 * does not change embeddings): its size and its first and last megabytes, so a renamed or copied
 * folder still hits the cache and a replaced encoder misses it, without reading gigabytes of
 * weights each time a model is opened.
 */
final class ModelKey {
    private ModelKey() {}

    private static final int SAMPLE = 1 << 20;

    static String of(Path encoder) throws IOException {
        MessageDigest md = sha256();
        try (FileChannel ch = FileChannel.open(encoder)) {
            long size = ch.size();
            md.update(Long.toString(size).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(SAMPLE, size));
            for (long at : new long[] {0, Math.max(0, size - SAMPLE)}) {
                buf.clear();
                while (buf.hasRemaining() && ch.read(buf, at + buf.position()) > 0) {}
                buf.flip();
                md.update(buf);
            }
        }
        return HexFormat.of().formatHex(md.digest(), 0, 8);
    }

    /** The hash of an image's RGB content and size. */
    static String ofPixels(int[] argb, int width, int height) {
        MessageDigest md = sha256();
        byte[] row = new byte[3 * width + 8];
        row[0] = (byte) (width >>> 24);
        row[1] = (byte) (width >>> 16);
        row[2] = (byte) (width >>> 8);
        row[3] = (byte) width;
        row[4] = (byte) (height >>> 24);
        row[5] = (byte) (height >>> 16);
        row[6] = (byte) (height >>> 8);
        row[7] = (byte) height;
        md.update(row, 0, 8);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int p = argb[y * width + x];
                row[3 * x] = (byte) (p >>> 16);
                row[3 * x + 1] = (byte) (p >>> 8);
                row[3 * x + 2] = (byte) p;
            }
            md.update(row, 0, 3 * width);
        }
        return HexFormat.of().formatHex(md.digest(), 0, 12);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
