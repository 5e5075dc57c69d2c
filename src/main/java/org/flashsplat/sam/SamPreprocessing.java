package org.flashsplat.sam;

/**
 * The image and coordinate preparation of the official SAM ONNX contract: the longest side resized
 * to 1024 (aspect kept, size rounded like segment-anything's {@code ResizeLongestSide}), RGB
 * normalised with ImageNet mean and std on 0-255 values, zero-padded right and bottom; prompt
 * coordinates scaled by the same factors.
 */
public final class SamPreprocessing {
    /** The side of the encoder's square input. */
    public static final int INPUT_SIDE = 1024;

    private static final float[] MEAN = {123.675f, 116.28f, 103.53f};
    private static final float[] STD = {58.395f, 57.12f, 57.375f};

    private SamPreprocessing() {}

    /** The resized size {@code (h, w)} of an image before padding. */
    public static int[] resizedSize(int width, int height) {
        double scale = (double) INPUT_SIDE / Math.max(width, height);
        int w = (int) (width * scale + 0.5);
        int h = (int) (height * scale + 0.5);
        return new int[] {h, w};
    }

    /** The factor a pixel x coordinate is multiplied by (w' / w). */
    public static float scaleX(int width, int height) {
        return (float) resizedSize(width, height)[1] / width;
    }

    /** The factor a pixel y coordinate is multiplied by (h' / h). */
    public static float scaleY(int width, int height) {
        return (float) resizedSize(width, height)[0] / height;
    }

    /**
     * The encoder input, planar float32 [3, 1024, 1024], from ARGB pixels. The padding is zero
     * after normalisation, as in segment-anything's {@code preprocess}.
     */
    public static float[] encoderInput(int[] argb, int width, int height) {
        int[] size = resizedSize(width, height);
        int h = size[0], w = size[1];
        float[][] planes = new float[3][];
        for (int c = 0; c < 3; c++) {
            int shift = 16 - 8 * c;
            float[] channel = new float[width * height];
            for (int i = 0; i < channel.length; i++) channel[i] = (argb[i] >>> shift) & 0xff;
            planes[c] = Resample.resize(channel, width, height, w, h);
        }
        int side = INPUT_SIDE;
        float[] out = new float[3 * side * side];
        for (int c = 0; c < 3; c++) {
            float[] p = planes[c];
            int base = c * side * side;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float v = Math.clamp(p[y * w + x], 0f, 255f);
                    out[base + y * side + x] = (v - MEAN[c]) / STD[c];
                }
            }
        }
        return out;
    }
}
