package org.flashsplat.sam;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A stand-in SAM pair with the official ONNX contract whose masks are a real function of the
 * inputs, so every preparation mistake changes them:
 *
 * <ul>
 *   <li>encoder: 16 x 16 average pooling of the prepared image, then per embedding cell channel 0 =
 *       normalised red - 1 and channel 1 = normalised green + 0.5 (wrong mean, std, channel order
 *       or padding side moves where these are positive);
 *   <li>decoder, in the 256 x 256 low-resolution frame (cell centres at 4u + 2 of the 1024 frame):
 *       logit = min(image term, point term, box term), where the image term is min of the two
 *       channels, the point term is positive within {@link #RADIUS} of the nearest positive click
 *       and nearer to it than to any negative click, the box term positive inside the box (labels
 *       2/3); the logit is -1 everywhere unless exactly one padding point (-1) comes without a box
 *       and none with one; with has_mask_input the logit is also at most mask_input;
 *   <li>outputs as segment-anything's export: two masks, the complement first with the lower
 *       iou_prediction (0.3 vs 0.9), upscaled to 1024, cropped to the resized image, resized to
 *       orig_im_size (a wrong resize or point scale misplaces them).
 * </ul>
 */
public final class StandInSam {
    /** The positive-click radius in the 1024 frame. */
    public static final float RADIUS = 320;

    private StandInSam() {}

    /** Writes encoder.onnx and decoder.onnx into a folder and returns it. */
    public static Path write(Path folder) throws IOException {
        Files.createDirectories(folder);
        Files.write(folder.resolve(SamModel.ENCODER), encoder());
        Files.write(folder.resolve(SamModel.DECODER), decoder());
        return folder;
    }

    static byte[] encoder() {
        OnnxGraph g = new OnnxGraph();
        g.input("image", OnnxGraph.FLOAT, 1, 3, 1024, 1024);
        String pooled =
                g.op(
                        "AveragePool",
                        List.of(
                                "kernel_shape",
                                new long[] {16, 16},
                                "strides",
                                new long[] {16, 16}),
                        "image");
        float[] w = new float[256 * 3];
        float[] b = new float[256];
        for (int c = 0; c < 256; c++) w[c * 3 + c % 3] = 1; // channel c sees colour c mod 3
        b[0] = -1f;
        b[1] = 0.5f;
        g.opInto(
                "image_embeddings",
                "Conv",
                List.of(),
                pooled,
                g.floats(w, 256, 3, 1, 1),
                g.floats(b, 256));
        g.output("image_embeddings", OnnxGraph.FLOAT, 1, 256, 64, 64);
        return g.toModel("stand-in-sam-encoder");
    }

    static byte[] decoder() {
        OnnxGraph g = new OnnxGraph();
        g.input("image_embeddings", OnnxGraph.FLOAT, 1, 256, 64, 64);
        g.input("point_coords", OnnxGraph.FLOAT, 1, -1, 2);
        g.input("point_labels", OnnxGraph.FLOAT, 1, -1);
        g.input("mask_input", OnnxGraph.FLOAT, 1, 1, 256, 256);
        g.input("has_mask_input", OnnxGraph.FLOAT, 1);
        g.input("orig_im_size", OnnxGraph.FLOAT, 2);
        List<Object> linear =
                List.of("mode", "linear", "coordinate_transformation_mode", "half_pixel");
        String up4 = g.floats(new float[] {1, 1, 4, 4}, 4);

        String two = g.op("Slice", "image_embeddings", g.longs(0), g.longs(2), g.longs(1));
        String two256 = g.op("Resize", linear, two, "", up4);
        String c0 = g.op("Slice", two256, g.longs(0), g.longs(1), g.longs(1));
        String c1 = g.op("Slice", two256, g.longs(1), g.longs(2), g.longs(1));
        String imageTerm = g.op("Min", c0, c1);

        float[] gx = new float[256];
        for (int u = 0; u < 256; u++) gx[u] = 4 * u + 2;
        String gridX = g.floats(gx, 1, 1, 1, 256);
        String gridY = g.floats(gx, 1, 1, 256, 1);
        String axes23 = g.longs(2, 3);
        String cx =
                g.op(
                        "Unsqueeze",
                        g.op("Slice", "point_coords", g.longs(0), g.longs(1), g.longs(2)),
                        g.longs(3));
        String cy =
                g.op(
                        "Unsqueeze",
                        g.op("Slice", "point_coords", g.longs(1), g.longs(2), g.longs(2)),
                        g.longs(3));
        String labels = g.op("Unsqueeze", "point_labels", axes23);
        String dx = g.op("Sub", gridX, cx);
        String dy = g.op("Sub", gridY, cy);
        String d2 = g.op("Add", g.op("Mul", dx, dx), g.op("Mul", dy, dy));
        String one = g.scalar(1);
        String big = g.scalar(1e12f);
        String r2 = g.scalar(RADIUS * RADIUS);

        String isPos = is(g, labels, 1);
        String dPos = nearest(g, d2, isPos, one, big);
        String dNeg = nearest(g, d2, is(g, labels, 0), one, big);
        String within = g.op("Div", g.op("Sub", r2, dPos), r2);
        String nearer = g.op("Div", g.op("Sub", dNeg, dPos), r2);
        String hasPos = g.op("ReduceMax", List.of("axes", new long[] {1}, "keepdims", 1L), isPos);
        String pointTerm =
                g.op(
                        "Where",
                        g.op("Greater", hasPos, g.scalar(0.5f)),
                        g.op("Min", within, nearer),
                        one);

        String axis1 = g.longs(1);
        List<Object> keep = List.of("keepdims", 1L);
        String isTl = is(g, labels, 2);
        String isBr = is(g, labels, 3);
        String x0 = g.op("ReduceSum", keep, g.op("Mul", cx, isTl), axis1);
        String y0 = g.op("ReduceSum", keep, g.op("Mul", cy, isTl), axis1);
        String x1 = g.op("ReduceSum", keep, g.op("Mul", cx, isBr), axis1);
        String y1 = g.op("ReduceSum", keep, g.op("Mul", cy, isBr), axis1);
        String inside =
                g.op(
                        "Min",
                        g.op("Sub", gridX, x0),
                        g.op("Sub", x1, gridX),
                        g.op("Sub", gridY, y0),
                        g.op("Sub", y1, gridY));
        String hasBox = g.op("ReduceSum", keep, isTl, axis1);
        String boxTerm =
                g.op(
                        "Where",
                        g.op("Greater", hasBox, g.scalar(0.5f)),
                        g.op("Div", inside, g.scalar(RADIUS)),
                        one);

        String pads = g.op("ReduceSum", keep, is(g, labels, -1), axis1);
        String valid = g.op("Equal", g.op("Add", pads, hasBox), one);
        String logit = g.op("Min", imageTerm, pointTerm, boxTerm);
        logit = g.op("Where", valid, logit, g.scalar(-1));
        String hasMask = g.op("Greater", "has_mask_input", g.scalar(0.5f));
        logit = g.op("Where", hasMask, g.op("Min", logit, "mask_input"), logit);
        logit = g.op("Mul", logit, g.scalar(10));

        g.opInto("low_res_masks", "Concat", List.of("axis", 1L), g.op("Neg", logit), logit);
        g.opInto(
                "iou_predictions", "Identity", List.of(), g.floats(new float[] {0.3f, 0.9f}, 1, 2));

        String up = g.op("Resize", linear, "low_res_masks", "", up4);
        String longest = g.op("ReduceMax", List.of("keepdims", 0L), "orig_im_size");
        String scale = g.op("Div", g.scalar(1024), longest);
        String resized =
                g.op("Floor", g.op("Add", g.op("Mul", "orig_im_size", scale), g.scalar(0.5f)));
        String ends = g.op("Cast", List.of("to", (long) OnnxGraph.INT64), resized);
        String cropped = g.op("Slice", up, g.longs(0, 0), ends, axes23);
        String sizes =
                g.op(
                        "Concat",
                        List.of("axis", 0L),
                        g.longs(1, 2),
                        g.op("Cast", List.of("to", (long) OnnxGraph.INT64), "orig_im_size"));
        g.opInto("masks", "Resize", linear, cropped, "", "", sizes);

        g.output("masks", OnnxGraph.FLOAT, 1, 2, -1, -1);
        g.output("iou_predictions", OnnxGraph.FLOAT, 1, 2);
        g.output("low_res_masks", OnnxGraph.FLOAT, 1, 2, 256, 256);
        return g.toModel("stand-in-sam-decoder");
    }

    /**
     * The picture the tests show the stand-in: red rises left to right and green top to bottom over
     * 0-255, blue is flat, so the stand-in's image term is positive on a known rectangle.
     */
    public static int[] rampImage(int width, int height) {
        int[] argb = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = Math.round(255f * (x + 0.5f) / width);
                int gr = Math.round(255f * (y + 0.5f) / height);
                argb[y * width + x] = 0xff000000 | r << 16 | gr << 8 | 100;
            }
        }
        return argb;
    }

    /**
     * The mask the stand-in means for a ramp image, worked out from its definition in the image's
     * own pixels (not through the code under test): red above mean + std, green above mean - std /
     * 2, within the radius of the nearest positive click and nearer to it than to any negative one,
     * inside the box if there is one.
     */
    public static boolean[] expectedMask(int width, int height, SamPrompt prompt) {
        float s = 1024f / Math.max(width, height);
        boolean[] out = new boolean[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float r = 255f * (x + 0.5f) / width, gr = 255f * (y + 0.5f) / height;
                if (r <= 123.675f + 58.395f || gr <= 116.28f - 57.12f / 2) continue;
                float px = x + 0.5f, py = y + 0.5f;
                double pos = Double.MAX_VALUE, neg = Double.MAX_VALUE;
                for (SamPrompt.Point p : prompt.points()) {
                    double d = s * s * ((px - p.x()) * (px - p.x()) + (py - p.y()) * (py - p.y()));
                    if (p.positive()) pos = Math.min(pos, d);
                    else neg = Math.min(neg, d);
                }
                boolean hasPos = pos < Double.MAX_VALUE;
                if (hasPos && (pos >= RADIUS * RADIUS || pos >= neg)) continue;
                SamPrompt.Box b = prompt.box();
                if (b != null && (px < b.x0() || px > b.x1() || py < b.y0() || py > b.y1()))
                    continue;
                out[y * width + x] = true;
            }
        }
        return out;
    }

    public static double iou(boolean[] a, boolean[] b) {
        int inter = 0, union = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] && b[i]) inter++;
            if (a[i] || b[i]) union++;
        }
        return union == 0 ? 1 : (double) inter / union;
    }

    /** 1 where the label equals the value, else 0. */
    private static String is(OnnxGraph g, String labels, float value) {
        return g.op(
                "Cast",
                List.of("to", (long) OnnxGraph.FLOAT),
                g.op("Equal", labels, g.scalar(value)));
    }

    /** The squared distance to the nearest point of a kind (huge when there is none). */
    private static String nearest(OnnxGraph g, String d2, String isKind, String one, String big) {
        String penalty = g.op("Mul", g.op("Sub", one, isKind), big);
        return g.op(
                "ReduceMin",
                List.of("axes", new long[] {1}, "keepdims", 1L),
                g.op("Add", d2, penalty));
    }
}
