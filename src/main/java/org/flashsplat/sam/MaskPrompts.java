package org.flashsplat.sam;

import java.util.ArrayList;
import java.util.List;

/**
 * A SAM prompt made from a mask that is roughly right (the mask the 3D result renders in another
 * view): its bounding box, a few points deep inside it, and the mask itself as {@code mask_input},
 * so SAM snaps the rough mask to the picture's edges. Used to propagate an object through the
 * scene.
 */
public final class MaskPrompts {
    /** The logit given to mask_input inside (and minus it outside) the rough mask. */
    static final float LOGIT = 8f;

    private MaskPrompts() {}

    /** The prompt, or null for an empty mask. */
    public static SamPrompt fromMask(boolean[] mask, int width, int height, int points) {
        int x0 = width, y0 = height, x1 = -1, y1 = -1;
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                if (mask[y * width + x]) {
                    x0 = Math.min(x0, x);
                    y0 = Math.min(y0, y);
                    x1 = Math.max(x1, x);
                    y1 = Math.max(y1, y);
                }
        if (x1 < 0) return null;
        SamPrompt.Box box = new SamPrompt.Box(x0, y0, x1 + 1, y1 + 1);
        return new SamPrompt(
                interior(mask, width, height, points), box, maskInput(mask, width, height));
    }

    /**
     * Up to {@code n} positive points, each the pixel farthest from the mask's border among those
     * not already near a chosen point: deep inside, where a rough mask is surely right.
     */
    static List<SamPrompt.Point> interior(boolean[] mask, int width, int height, int n) {
        int[] d = chamfer(mask, width, height);
        List<SamPrompt.Point> out = new ArrayList<>();
        int deepest = 0;
        for (int k = 0; k < n; k++) {
            int best = -1;
            for (int p = 0; p < d.length; p++)
                if (d[p] > 0 && (best < 0 || d[p] > d[best])) best = p;
            // Near the border is where a rough mask is wrong: only the deeper half counts.
            if (best < 0 || 2 * d[best] < deepest) break;
            deepest = Math.max(deepest, d[best]);
            int bx = best % width, by = best / width, r = Math.max(2, d[best]);
            out.add(new SamPrompt.Point(bx + 0.5f, by + 0.5f, true));
            // Keep the next point away from this one (by its depth from the border), so the points
            // spread out.
            for (int y = Math.max(0, by - r); y < Math.min(height, by + r + 1); y++)
                for (int x = Math.max(0, bx - r); x < Math.min(width, bx + r + 1); x++)
                    if ((x - bx) * (x - bx) + (y - by) * (y - by) <= r * r) d[y * width + x] = 0;
        }
        return out;
    }

    /**
     * City-block distance to the nearest pixel outside the mask (the image edge counts as outside).
     */
    private static int[] chamfer(boolean[] mask, int w, int h) {
        int[] d = new int[w * h];
        int far = w + h;
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                if (!mask[p]) continue;
                int up = y > 0 ? d[p - w] : 0, left = x > 0 ? d[p - 1] : 0;
                d[p] = Math.min(far, Math.min(up, left) + 1);
            }
        for (int y = h - 1; y >= 0; y--)
            for (int x = w - 1; x >= 0; x--) {
                int p = y * w + x;
                if (!mask[p]) continue;
                int down = y < h - 1 ? d[p + w] : 0, right = x < w - 1 ? d[p + 1] : 0;
                d[p] = Math.min(d[p], Math.min(down, right) + 1);
            }
        return d;
    }

    /**
     * The mask in the decoder's 256 x 256 low-resolution frame (the 1024 frame over 4, padded right
     * and bottom like the image): +LOGIT where most of the cell is inside, -LOGIT elsewhere.
     */
    static float[] maskInput(boolean[] mask, int width, int height) {
        int side = SamPrompt.MASK_INPUT_SIDE;
        float sx = SamPreprocessing.scaleX(width, height) / 4,
                sy = SamPreprocessing.scaleY(width, height) / 4;
        float[] out = new float[side * side];
        for (int v = 0; v < side; v++)
            for (int u = 0; u < side; u++) {
                int x = (int) ((u + 0.5f) / sx), y = (int) ((v + 0.5f) / sy);
                boolean in = x < width && y < height && mask[y * width + x];
                out[v * side + u] = in ? LOGIT : -LOGIT;
            }
        return out;
    }
}
