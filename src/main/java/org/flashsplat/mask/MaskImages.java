package org.flashsplat.mask;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.flashsplat.core.InputException;
import org.flashsplat.core.Limits;

/**
 * Reads the headers and pixels of PNG and JPEG masks through javax.imageio, taking the samples from
 * the decoded raster itself so that 16-bit values and palette indices arrive unconverted.
 */
final class MaskImages {
    private MaskImages() {}

    /** What kind of samples a file holds, before the folder's form is decided. */
    enum Kind {
        GREY,
        PALETTE,
        RGB,
        JPEG,
        SAM
    }

    /** Size and kind of a mask file, from its header only. */
    record Header(Kind kind, int width, int height, int bitDepth) {}

    /**
     * Decoded samples at the file's own resolution: grey values, palette indices, packed 0xRRGGBB,
     * JPEG thresholded to 0/1, or SAM local IDs.
     */
    record Raw(int width, int height, int[] values) {}

    private static final byte[] PNG_SIGNATURE = {
        (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'
    };

    /** Reads the PNG signature and IHDR chunk (the first 33 bytes). */
    static Header pngHeader(Path file) {
        byte[] h = new byte[33];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(h, 0, h.length);
        } catch (IOException e) {
            throw new InputException(file, null, "cannot read: " + e.getMessage(), e);
        }
        for (int i = 0; i < PNG_SIGNATURE.length; i++) {
            if (n <= i || h[i] != PNG_SIGNATURE[i]) {
                throw new InputException(file, "byte 0", "not a PNG file (no PNG signature)");
            }
        }
        if (n < 33 || h[12] != 'I' || h[13] != 'H' || h[14] != 'D' || h[15] != 'R') {
            throw new InputException(file, "byte 8", "PNG without an IHDR header (truncated?)");
        }
        long width = Integer.toUnsignedLong(readInt(h, 16));
        long height = Integer.toUnsignedLong(readInt(h, 20));
        int depth = h[24] & 0xff, colourType = h[25] & 0xff;
        Limits.imagePixels(file, "IHDR", width, height); // before any pixel is decoded
        Kind kind =
                switch (colourType) {
                    case 0, 4 -> Kind.GREY; // grey, grey + alpha (alpha ignored)
                    case 3 -> Kind.PALETTE;
                    case 2, 6 -> Kind.RGB; // RGB, RGBA (alpha ignored)
                    default ->
                            throw new InputException(
                                    file, "IHDR", "unknown PNG colour type " + colourType);
                };
        return new Header(kind, (int) width, (int) height, depth);
    }

    /** Reads a JPEG's size from its header (no pixel decoding). */
    static Header jpegHeader(Path file) {
        byte[] bytes = readAll(file);
        if (bytes.length < 3
                || (bytes[0] & 0xff) != 0xff
                || (bytes[1] & 0xff) != 0xd8
                || (bytes[2] & 0xff) != 0xff) {
            throw new InputException(file, "byte 0", "not a JPEG file (no JPEG start marker)");
        }
        ImageReader reader = reader(file, bytes);
        try {
            int w = reader.getWidth(0), h = reader.getHeight(0);
            Limits.imagePixels(file, "header", w, h);
            return new Header(Kind.JPEG, w, h, 8);
        } catch (IOException | RuntimeException e) {
            if (e instanceof InputException ie) throw ie;
            throw new InputException(file, "header", "cannot read JPEG header: " + why(e), e);
        } finally {
            reader.dispose();
        }
    }

    /** Decodes the pixels of a PNG or JPEG mask whose header was read as {@code header}. */
    static Raw decode(Path file, Header header) {
        byte[] bytes = readAll(file);
        ImageReader reader = reader(file, bytes);
        BufferedImage img;
        try {
            img = reader.read(0);
        } catch (IOException | RuntimeException e) {
            // ImageIO reports truncated or corrupt data with IIOException or, for some corruptions,
            // unchecked exceptions; either way the file is unusable.
            throw new InputException(file, "image data", "cannot decode image: " + why(e), e);
        } finally {
            reader.dispose();
        }
        int w = img.getWidth(), h = img.getHeight();
        if (w != header.width() || h != header.height()) {
            throw new InputException(
                    file,
                    "header",
                    "header says "
                            + header.width()
                            + "x"
                            + header.height()
                            + " but decoded "
                            + w
                            + "x"
                            + h);
        }
        Raster r = img.getRaster();
        int[] out = new int[w * h];
        switch (header.kind()) {
            case GREY -> r.getSamples(0, 0, w, h, 0, out);
            case PALETTE -> {
                if (!(img.getColorModel() instanceof IndexColorModel)) {
                    throw new InputException(
                            file, "image data", "palette PNG decoded without its palette");
                }
                r.getSamples(0, 0, w, h, 0, out);
            }
            case RGB -> packRgb(file, r, w, h, out);
            case JPEG -> thresholdJpeg(file, r, w, h, out);
            default -> throw new IllegalStateException(header.kind().toString());
        }
        return new Raw(w, h, out);
    }

    /** Packed 0xRRGGBB colours of a PNG palette, by index (for showing palette labels). */
    static int[] palette(Path file) {
        byte[] bytes = readAll(file);
        ImageReader reader = reader(file, bytes);
        try {
            var types = reader.getImageTypes(0);
            if (types.hasNext() && types.next().getColorModel() instanceof IndexColorModel icm) {
                int[] rgb = new int[icm.getMapSize()];
                for (int i = 0; i < rgb.length; i++) rgb[i] = icm.getRGB(i) & 0xffffff;
                return rgb;
            }
            return new int[0];
        } catch (IOException | RuntimeException e) {
            throw new InputException(file, "header", "cannot read the palette: " + why(e), e);
        } finally {
            reader.dispose();
        }
    }

    private static void packRgb(Path file, Raster r, int w, int h, int[] out) {
        if (r.getNumBands() < 3) {
            throw new InputException(file, "image data", "colour PNG decoded with fewer bands");
        }
        // 16-bit colour masks are read at 8 bits per channel (their high byte).
        int shift = r.getSampleModel().getSampleSize(0) > 8 ? 8 : 0;
        // Row by row: three whole-image channel copies would triple the memory of a large mask.
        int[] red = new int[w], green = new int[w], blue = new int[w];
        for (int y = 0; y < h; y++) {
            r.getSamples(0, y, w, 1, 0, red);
            r.getSamples(0, y, w, 1, 1, green);
            r.getSamples(0, y, w, 1, 2, blue);
            for (int x = 0, i = y * w; x < w; x++, i++) {
                out[i] = (red[x] >> shift) << 16 | (green[x] >> shift) << 8 | (blue[x] >> shift);
            }
        }
    }

    /** What went wrong in a decoder, without its class names (the user cannot act on those). */
    private static String why(Exception e) {
        String why = e.getMessage() == null ? "corrupt data" : e.getMessage();
        if (e.getCause() != null && e.getCause().getMessage() != null) {
            why += " (" + e.getCause().getMessage() + ")";
        }
        return why;
    }

    private static void thresholdJpeg(Path file, Raster r, int w, int h, int[] out) {
        int bands = r.getNumBands();
        r.getSamples(0, 0, w, h, 0, out);
        if (bands >= 3) {
            // A colour JPEG of a binary mask: threshold its luma (ITU-R BT.601 weights), row by
            // row so that no whole-image channel copies are made.
            int[] g = new int[w], b = new int[w];
            for (int y = 0; y < h; y++) {
                r.getSamples(0, y, w, 1, 1, g);
                r.getSamples(0, y, w, 1, 2, b);
                for (int x = 0, i = y * w; x < w; x++, i++) {
                    out[i] = (out[i] * 299 + g[x] * 587 + b[x] * 114) / 1000;
                }
            }
        } else if (bands != 1) {
            throw new InputException(file, "image data", "JPEG with " + bands + " channels");
        }
        for (int i = 0; i < out.length; i++) out[i] = out[i] >= 128 ? 1 : 0;
    }

    private static ImageReader reader(Path file, byte[] bytes) {
        // An explicit memory-cached stream: ImageIO.read would otherwise cache in temporary files.
        ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes));
        Iterator<ImageReader> it = ImageIO.getImageReaders(in);
        if (!it.hasNext()) {
            throw new InputException(file, "byte 0", "not an image javax.imageio can read");
        }
        ImageReader reader = it.next();
        reader.setInput(in, true, true);
        return reader;
    }

    static byte[] readAll(Path file) {
        try {
            long size = Files.size(file);
            if (size > Limits.MAX_MASK_FILE_BYTES) {
                throw new InputException(
                        file,
                        null,
                        "mask file of "
                                + size
                                + " bytes is over the limit of "
                                + Limits.MAX_MASK_FILE_BYTES);
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InputException(file, null, "cannot read: " + e.getMessage(), e);
        }
    }

    private static int readInt(byte[] b, int off) {
        return (b[off] & 0xff) << 24
                | (b[off + 1] & 0xff) << 16
                | (b[off + 2] & 0xff) << 8
                | (b[off + 3] & 0xff);
    }
}
