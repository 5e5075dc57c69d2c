package org.flashsplat.core;

import java.nio.file.Path;

/**
 * Caps on sizes that untrusted files declare, checked before anything is allocated for them: a
 * one-kilobyte file must not be able to ask for gigabytes. Each cap sits far above real data (an 8K
 * UHD frame is 33 million pixels) and the refusal names the numbers.
 */
public final class Limits {
    /** Longest side of a mask, camera image or edited mask. */
    public static final int MAX_IMAGE_SIDE = 1 << 15;

    /** Pixels of one mask or camera image (8192 x 4096; 7680 x 4320 8K UHD fits). */
    public static final long MAX_IMAGE_PIXELS = 1L << 25;

    /** Largest instance or object ID: instance-ID PNGs are 16-bit. */
    public static final int MAX_LABEL_ID = 65535;

    /** Bytes of one mask file (PNG, JPEG, SAM JSON), read whole before decoding. */
    public static final long MAX_MASK_FILE_BYTES = 256L << 20;

    private Limits() {}

    /**
     * {@code width * height} of an image a file declares, refused when a side is not positive or
     * over {@link #MAX_IMAGE_SIDE}, or the product over {@link #MAX_IMAGE_PIXELS}.
     */
    public static long imagePixels(Path file, String place, long width, long height) {
        if (width <= 0 || height <= 0) {
            throw new InputException(
                    file, place, "image size " + width + "x" + height + " is not positive");
        }
        if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE) {
            throw new InputException(
                    file,
                    place,
                    "image size "
                            + width
                            + "x"
                            + height
                            + " is over the limit of "
                            + MAX_IMAGE_SIDE
                            + " pixels a side");
        }
        long pixels = width * height; // both at most 2^15: cannot overflow
        if (pixels > MAX_IMAGE_PIXELS) {
            throw new InputException(
                    file,
                    place,
                    "image size "
                            + width
                            + "x"
                            + height
                            + " ("
                            + pixels
                            + " pixels) is over the limit of "
                            + MAX_IMAGE_PIXELS
                            + " pixels");
        }
        return pixels;
    }

    /**
     * An instance or object ID from a file, refused when negative or over {@link #MAX_LABEL_ID}.
     */
    public static int labelId(Path file, String place, long id) {
        if (id < 0 || id > MAX_LABEL_ID) {
            throw new InputException(file, place, "ID " + id + " is outside 0.." + MAX_LABEL_ID);
        }
        return (int) id;
    }
}
