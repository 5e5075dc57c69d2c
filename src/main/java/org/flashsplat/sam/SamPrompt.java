package org.flashsplat.sam;

import java.util.List;

/**
 * What the user asks SAM for, in the image's pixel coordinates: clicks, an optional box, and an
 * optional previous low-resolution mask (256 x 256 logits, as the decoder returned it) to refine.
 */
public record SamPrompt(List<Point> points, Box box, float[] maskInput) {
    /** A click: positive (the object) or negative (not the object). */
    public record Point(float x, float y, boolean positive) {}

    /** A box from its top-left to its bottom-right corner. */
    public record Box(float x0, float y0, float x1, float y1) {
        public Box {
            if (x1 < x0) {
                float t = x0;
                x0 = x1;
                x1 = t;
            }
            if (y1 < y0) {
                float t = y0;
                y0 = y1;
                y1 = t;
            }
        }
    }

    public static final int MASK_INPUT_SIDE = 256;

    public SamPrompt {
        points = List.copyOf(points);
        if (maskInput != null && maskInput.length != MASK_INPUT_SIDE * MASK_INPUT_SIDE)
            throw new IllegalArgumentException("mask input must be 256 x 256");
        if (points.isEmpty() && box == null)
            throw new IllegalArgumentException("a prompt needs a point or a box");
    }

    public static SamPrompt of(List<Point> points, Box box) {
        return new SamPrompt(points, box, null);
    }

    /**
     * The decoder's {@code point_coords} (scaled to the 1024 frame) and {@code point_labels}:
     * clicks (1/0), then the box corners (2/3), or the padding point (0, 0) with label -1 when
     * there is no box, as segment-anything's ONNX example does.
     */
    float[][] decoderPoints(int width, int height) {
        float sx = SamPreprocessing.scaleX(width, height);
        float sy = SamPreprocessing.scaleY(width, height);
        int n = points.size() + (box != null ? 2 : 1);
        float[] coords = new float[2 * n];
        float[] labels = new float[n];
        int i = 0;
        for (Point p : points) {
            coords[2 * i] = p.x() * sx;
            coords[2 * i + 1] = p.y() * sy;
            labels[i++] = p.positive() ? 1 : 0;
        }
        if (box != null) {
            coords[2 * i] = box.x0() * sx;
            coords[2 * i + 1] = box.y0() * sy;
            labels[i++] = 2;
            coords[2 * i] = box.x1() * sx;
            coords[2 * i + 1] = box.y1() * sy;
            labels[i] = 3;
        } else {
            labels[i] = -1;
        }
        return new float[][] {coords, labels};
    }
}
