package org.flashsplat.project;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.flashsplat.core.AtomicFiles;
import org.flashsplat.core.InputException;
import org.flashsplat.core.Limits;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.mask.MaskPngWriter;

/**
 * Masks the user corrected, kept as instance-ID PNGs in {@code edited_masks/} of the project, never
 * over the user's input masks. Each version gets its own name ({@code <view>.<hash>.png}): the
 * saved project keeps pointing at the mask it was saved with until the next save, so closing
 * without saving really discards an edit. Files no project state refers to are removed on save.
 */
public final class EditedMasks {
    public static final String FOLDER = "edited_masks";

    private EditedMasks() {}

    /** Writes a mask atomically; returns its project-relative path. */
    static String write(Path project, String view, LabelMask mask) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        MaskPngWriter.write(bytes, mask);
        byte[] png = bytes.toByteArray();
        String rel = FOLDER + "/" + SafePaths.sanitise(view) + "." + shortHash(png) + ".png";
        Path file = SafePaths.inside(project, rel);
        if (!Files.exists(file)) AtomicFiles.writeBytes(file, png);
        return rel;
    }

    /**
     * Reads an edited mask of the given size; the PNG header is checked before any pixel memory is
     * allocated.
     */
    static LabelMask read(Path file, int width, int height) {
        try {
            byte[] head = new byte[24];
            try (InputStream in = Files.newInputStream(file)) {
                if (in.readNBytes(head, 0, 24) < 24) {
                    throw new InputException(file, null, "not a PNG (too short)");
                }
            }
            ByteBuffer b = ByteBuffer.wrap(head);
            if (b.getLong(0) != 0x89504E470D0A1A0AL) {
                throw new InputException(file, "byte 0", "not a PNG");
            }
            long w = Integer.toUnsignedLong(b.getInt(16)), h = Integer.toUnsignedLong(b.getInt(20));
            Limits.imagePixels(file, "header", w, h);
            if (w != width || h != height) {
                throw new InputException(
                        file,
                        "header",
                        "edited mask is " + w + "x" + h + ", the camera " + width + "x" + height);
            }
            // A memory-cached stream: ImageIO.read of a plain stream may cache in /tmp files.
            BufferedImage img =
                    ImageIO.read(
                            new MemoryCacheImageInputStream(
                                    new ByteArrayInputStream(Files.readAllBytes(file))));
            if (img == null) throw new InputException(file, null, "not a readable PNG");
            Raster r = img.getRaster();
            if (r.getNumBands() != 1) {
                throw new InputException(file, null, "edited masks are grey instance-ID PNGs");
            }
            int[] labels = r.getPixels(0, 0, width, height, (int[]) null);
            return new LabelMask(width, height, labels);
        } catch (IOException | RuntimeException e) {
            if (e instanceof InputException ie) throw ie;
            // ImageIO reports corrupt data with IIOException or unchecked exceptions.
            throw new InputException(file, null, "not a readable PNG: " + e.getMessage());
        }
    }

    private static String shortHash(byte[] data) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(data);
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
