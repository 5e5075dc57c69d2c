package org.flashsplat.studio.model;

import java.util.function.IntPredicate;

/**
 * Pixel operations of the drawing tools. Each reports the pixels it would change through a {@link
 * Sink}, so the caller can record old values before writing (the undo diff) and nothing is copied.
 */
final class MaskOps {
    private MaskOps() {}

    /** Receives pixel indices to set. */
    @FunctionalInterface
    interface Sink {
        void set(int index);
    }

    /** A filled disc of {@code radius} pixels centred at (cx, cy). */
    static void disc(int w, int h, double cx, double cy, double radius, Sink out) {
        double r = Math.max(0.5, radius), r2 = r * r;
        int u0 = (int) Math.max(0, Math.floor(cx - r)),
                u1 = (int) Math.min(w - 1, Math.ceil(cx + r));
        int v0 = (int) Math.max(0, Math.floor(cy - r)),
                v1 = (int) Math.min(h - 1, Math.ceil(cy + r));
        for (int v = v0; v <= v1; v++) {
            double dy = v - cy;
            for (int u = u0; u <= u1; u++) {
                double dx = u - cx;
                if (dx * dx + dy * dy <= r2) out.set(v * w + u);
            }
        }
    }

    /** Discs along the segment, spaced a third of the radius apart so strokes have no gaps. */
    static void line(int w, int h, double x0, double y0, double x1, double y1, double r, Sink out) {
        double len = Math.hypot(x1 - x0, y1 - y0);
        int steps = Math.max(1, (int) Math.ceil(len / Math.max(0.5, r / 3)));
        for (int s = 0; s <= steps; s++) {
            double t = (double) s / steps;
            disc(w, h, x0 + t * (x1 - x0), y0 + t * (y1 - y0), r, out);
        }
    }

    /** Even-odd scanline fill of a polygon given as x0, y0, x1, y1, ... in pixel coordinates. */
    static void polygon(int w, int h, double[] xy, Sink out) {
        int n = xy.length / 2;
        if (n < 3) return;
        double[] cross = new double[n];
        for (int v = 0; v < h; v++) {
            int c = 0;
            for (int i = 0, j = n - 1; i < n; j = i++) {
                double yi = xy[2 * i + 1], yj = xy[2 * j + 1];
                if ((yi > v) != (yj > v)) {
                    cross[c++] = xy[2 * i] + (v - yi) / (yj - yi) * (xy[2 * j] - xy[2 * i]);
                }
            }
            java.util.Arrays.sort(cross, 0, c);
            for (int k = 0; k + 1 < c; k += 2) {
                int u0 = (int) Math.max(0, Math.ceil(cross[k]));
                int u1 = (int) Math.min(w - 1, Math.floor(cross[k + 1]));
                for (int u = u0; u <= u1; u++) out.set(v * w + u);
            }
        }
    }

    /** 4-connected flood fill from (u, v) over pixels where {@code same} holds. */
    static void flood(int w, int h, int u, int v, IntPredicate same, Sink out) {
        if (u < 0 || v < 0 || u >= w || v >= h) return;
        boolean[] seen = new boolean[w * h];
        int[] stack = new int[w * h];
        int top = 0;
        stack[top++] = v * w + u;
        seen[v * w + u] = true;
        while (top > 0) {
            int p = stack[--top];
            out.set(p);
            int pu = p % w, pv = p / w;
            if (pu > 0) top = visit(p - 1, seen, stack, top, same);
            if (pu < w - 1) top = visit(p + 1, seen, stack, top, same);
            if (pv > 0) top = visit(p - w, seen, stack, top, same);
            if (pv < h - 1) top = visit(p + w, seen, stack, top, same);
        }
    }

    private static int visit(int q, boolean[] seen, int[] stack, int top, IntPredicate same) {
        if (seen[q] || !same.test(q)) return top;
        seen[q] = true;
        stack[top] = q;
        return top + 1;
    }
}
