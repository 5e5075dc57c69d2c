package org.flashsplat.sam;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flashsplat.core.AtomicFiles;

/**
 * Image embeddings on disk, one file per (image content, model): the encoder is the slow part of
 * SAM, and a view's picture rarely changes. A file that cannot be read is computed again.
 */
public final class EmbeddingCache {
    private static final int MAGIC = 0x53414d45; // "SAME"

    private final Path folder;

    public EmbeddingCache(Path folder) {
        this.folder = folder;
    }

    /** The file an image's embedding is kept in for this model. */
    public Path fileFor(SamModel model, int[] argb, int width, int height) {
        return folder.resolve(
                model.key() + "-" + ModelKey.ofPixels(argb, width, height) + ".embedding");
    }

    /** The cached embedding, or null when there is none (or it is unreadable). */
    public ImageEmbedding find(SamModel model, int[] argb, int width, int height) {
        Path file = fileFor(model, argb, width, height);
        if (!Files.isRegularFile(file)) return null;
        try {
            return read(file);
        } catch (IOException | RuntimeException unreadable) {
            return null; // a torn or foreign file: computing it again is cheaper than explaining
        }
    }

    /** The cached embedding, or the encoder's, which is then cached. */
    public ImageEmbedding embed(SamModel model, int[] argb, int width, int height)
            throws IOException {
        ImageEmbedding cached = find(model, argb, width, height);
        if (cached != null) return cached;
        ImageEmbedding e = model.embed(argb, width, height);
        write(fileFor(model, argb, width, height), e);
        return e;
    }

    static void write(Path file, ImageEmbedding e) throws IOException {
        AtomicFiles.write(
                file,
                out -> {
                    DataOutputStream d = new DataOutputStream(out);
                    d.writeInt(MAGIC);
                    d.writeInt(e.width());
                    d.writeInt(e.height());
                    d.writeInt(e.shape().length);
                    for (long s : e.shape()) d.writeLong(s);
                    ByteBuffer b =
                            ByteBuffer.allocate(4 * e.values().length)
                                    .order(ByteOrder.LITTLE_ENDIAN);
                    b.asFloatBuffer().put(e.values());
                    d.write(b.array());
                    d.flush();
                });
    }

    static ImageEmbedding read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file);
                DataInputStream d = new DataInputStream(new java.io.BufferedInputStream(in))) {
            if (d.readInt() != MAGIC) throw new IOException("not an embedding file");
            int w = d.readInt(), h = d.readInt(), rank = d.readInt();
            if (rank < 1 || rank > 8) throw new IOException("bad rank");
            long[] shape = new long[rank];
            long n = 1;
            for (int i = 0; i < rank; i++) {
                shape[i] = d.readLong();
                n *= shape[i];
            }
            if (n <= 0 || n > (1 << 26)) throw new IOException("bad shape");
            byte[] bytes = d.readNBytes((int) (4 * n));
            if (bytes.length != 4 * n) throw new IOException("truncated");
            float[] v = new float[(int) n];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
            return new ImageEmbedding(shape, v, w, h);
        }
    }
}
