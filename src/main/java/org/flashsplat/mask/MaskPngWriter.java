package org.flashsplat.mask;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.flashsplat.core.AtomicFiles;

/**
 * Writes instance-ID PNG masks: 8-bit grey while the largest label is below 256 and no pixel is
 * ignored, else 16-bit grey (big-endian, as PNG stores it) with ignored pixels ({@link
 * LabelMask#IGNORE}) as {@link LabelMask#IGNORE_16}, so the files read back exactly with {@link
 * MaskSet} and with Gaussian Grouping's loaders. The encoder is written out here rather than going
 * through ImageIO so that the output bytes are fixed (same mask, same file) and no image cache
 * files are made.
 */
public final class MaskPngWriter {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private MaskPngWriter() {}

    /** Writes the mask to {@code target} atomically. */
    public static void write(Path target, LabelMask mask) throws IOException {
        AtomicFiles.write(target, out -> write(out, mask));
    }

    /** Bit depth the mask is written with: 8 or 16. */
    public static int bitDepth(LabelMask mask) {
        int max = mask.maxLabel();
        if (max >= LabelMask.IGNORE_16) {
            throw new IllegalArgumentException(
                    "label " + max + " does not fit a 16-bit PNG (65535 means ignore)");
        }
        boolean ignored = false;
        for (int l : mask.labels()) {
            if (l == LabelMask.IGNORE) ignored = true;
            else if (l < 0) throw new IllegalArgumentException("negative label " + l);
        }
        return max < 256 && !ignored ? 8 : 16;
    }

    /** Writes the PNG bytes to a stream (not closed). */
    public static void write(OutputStream out, LabelMask mask) throws IOException {
        int w = mask.width(), h = mask.height(), depth = bitDepth(mask);
        out.write(SIGNATURE);
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream(13);
        DataOutputStream d = new DataOutputStream(ihdr);
        d.writeInt(w);
        d.writeInt(h);
        d.writeByte(depth);
        d.writeByte(0); // grey
        d.writeByte(0); // deflate
        d.writeByte(0); // adaptive filtering
        d.writeByte(0); // not interlaced
        chunk(out, "IHDR", ihdr.toByteArray());

        int bpp = depth / 8;
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(6);
        try (DeflaterOutputStream z = new DeflaterOutputStream(idat, deflater, 1 << 16)) {
            byte[] row = new byte[1 + w * bpp];
            int[] l = mask.labels();
            for (int v = 0; v < h; v++) {
                row[0] = 0; // filter None: label images compress well without prediction
                int o = v * w;
                if (bpp == 1) {
                    for (int u = 0; u < w; u++) row[1 + u] = (byte) l[o + u];
                } else {
                    for (int u = 0; u < w; u++) {
                        int x = l[o + u] < 0 ? LabelMask.IGNORE_16 : l[o + u];
                        row[1 + 2 * u] = (byte) (x >>> 8);
                        row[2 + 2 * u] = (byte) x;
                    }
                }
                z.write(row);
            }
        } finally {
            deflater.end();
        }
        chunk(out, "IDAT", idat.toByteArray());
        chunk(out, "IEND", new byte[0]);
    }

    private static void chunk(OutputStream out, String type, byte[] data) throws IOException {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(data.length);
        d.write(t);
        d.write(data);
        d.writeInt((int) crc.getValue());
        d.flush();
    }
}
