package org.flashsplat.studio.association;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.function.Consumer;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.studio.model.Pictures;
import org.flashsplat.studio.model.ViewItem;

/**
 * Thumbnails of the association view's cells: the view's picture cropped around one local mask, the
 * mask tinted in its instance's colour and everything else dimmed. Made on one worker thread and
 * cached; requests are served newest first, so the cells on screen come before the ones scrolled
 * past, and a 200-view table never renders more than the user looks at.
 */
public final class AssociationThumbnails implements AutoCloseable {
    public static final int W = 96, H = 72;
    private static final int MEDIUM_W = 480, MEDIUM_H = 360, MAX_QUEUE = 4000;

    /** ARGB pixels, {@code width x height}. */
    public record Thumb(int width, int height, int[] argb) {}

    private record Key(int generation, int view, int local, int rgb) {}

    private record ViewSource(Path image, int width, int height, ViewItem item) {}

    /** A view's picture at medium size and the bounding box of each local mask (full size). */
    private record Base(int w, int h, int[] picture, Map<Integer, int[]> boxes) {}

    private final Executor ui;
    private final LinkedBlockingDeque<Key> queue = new LinkedBlockingDeque<>();
    private final Map<Key, List<Consumer<Thumb>>> waiting = new HashMap<>();
    private final Map<Key, Thumb> cache = lru(3000);
    private final Map<Integer, Base> bases = lru(24);
    private final Thread worker;
    private volatile int generation;
    private volatile List<ViewSource> views = List.of();
    private volatile LocalMasks locals;

    AssociationThumbnails(Executor ui) {
        this.ui = ui;
        worker = new Thread(this::loop, "association-thumbnails");
        worker.setDaemon(true);
        worker.start();
    }

    private static <K, V> Map<K, V> lru(int max) {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> e) {
                return size() > max;
            }
        };
    }

    /** New views and masks (UI thread): everything cached so far is dropped. */
    void reset(List<ViewItem> items, LocalMasks l) {
        List<ViewSource> vs = new ArrayList<>();
        for (ViewItem v : items)
            vs.add(new ViewSource(v.image(), v.camera().width(), v.camera().height(), v));
        synchronized (this) {
            generation++;
            views = List.copyOf(vs);
            locals = l;
            queue.clear();
            waiting.clear();
            cache.clear();
            bases.clear();
        }
    }

    /**
     * The thumbnail of a cell in colour {@code rgb}: at once when cached, else later on the UI
     * thread (callers check that they still show that cell).
     */
    public void request(AssocCell cell, int rgb, Consumer<Thumb> done) {
        Key k = new Key(generation, cell.view(), cell.local(), rgb & 0xffffff);
        synchronized (this) {
            Thumb t = cache.get(k);
            if (t != null) {
                done.accept(t);
                return;
            }
            List<Consumer<Thumb>> w = waiting.get(k);
            if (w != null) {
                w.add(done);
                queue.remove(k);
                queue.addFirst(k); // asked again: it is on screen now
                return;
            }
            waiting.put(k, new ArrayList<>(List.of(done)));
            queue.addFirst(k);
            while (queue.size() > MAX_QUEUE) waiting.remove(queue.pollLast());
        }
    }

    private void loop() {
        try {
            while (true) {
                Key k = queue.takeFirst();
                Thumb t;
                try {
                    t = make(k);
                } catch (Exception e) {
                    t = null; // an unreadable image or mask: the cell keeps its placeholder
                }
                List<Consumer<Thumb>> w;
                synchronized (this) {
                    w = waiting.remove(k);
                    if (k.generation != generation || t == null) continue;
                    cache.put(k, t);
                }
                if (w != null) {
                    Thumb made = t;
                    ui.execute(() -> w.forEach(c -> c.accept(made)));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Thumb make(Key k) throws java.io.IOException {
        LocalMasks l = locals;
        List<ViewSource> vs = views;
        if (k.generation != generation || l == null || k.view >= vs.size()) return null;
        LabelMask mask = l.load(k.view);
        if (mask == null) return null;
        Base b;
        synchronized (this) {
            b = bases.get(k.view);
        }
        if (b == null) {
            b = base(vs.get(k.view), mask);
            synchronized (this) {
                bases.put(k.view, b);
            }
        }
        int[] box = b.boxes.get(k.local);
        if (box == null) return null;
        return compose(b, mask, k.local, box, k.rgb);
    }

    private static Base base(ViewSource s, LabelMask mask) throws java.io.IOException {
        double f = Math.min(1, Math.min((double) MEDIUM_W / s.width, (double) MEDIUM_H / s.height));
        int w = Math.max(1, (int) Math.round(s.width * f)), h = Math.max(1, (int) (s.height * f));
        int[] pic = null;
        if (s.image != null) pic = Pictures.load(s.image, w, h);
        else {
            int[] small = s.item.thumbnailProperty().get(); // the strip's render, once loaded
            int[] sz = s.item.thumbnailSize(ViewItem.THUMB_W, ViewItem.THUMB_H);
            if (small != null && small.length == sz[0] * sz[1]) {
                pic = new int[w * h];
                for (int y = 0; y < h; y++)
                    for (int x = 0; x < w; x++)
                        pic[y * w + x] = small[(y * sz[1] / h) * sz[0] + x * sz[0] / w];
            }
        }
        Map<Integer, int[]> boxes = new HashMap<>();
        int[] labels = mask.labels();
        int mw = mask.width();
        for (int p = 0; p < labels.length; p++) {
            int l = labels[p];
            if (l == 0) continue;
            int x = p % mw, y = p / mw;
            int[] bx = boxes.computeIfAbsent(l, z -> new int[] {x, y, x, y});
            bx[0] = Math.min(bx[0], x);
            bx[1] = Math.min(bx[1], y);
            bx[2] = Math.max(bx[2], x);
            bx[3] = Math.max(bx[3], y);
        }
        return new Base(w, h, pic, boxes);
    }

    /**
     * Crops around the mask with some context (at least a fifth of the view, so a small mask is
     * still seen in place), at the thumbnail's aspect ratio.
     */
    private static Thumb compose(Base b, LabelMask mask, int local, int[] box, int rgb) {
        int mw = mask.width(), mh = mask.height();
        double cw = Math.max((box[2] - box[0] + 1) * 1.4, mw / 5.0);
        double ch = Math.max((box[3] - box[1] + 1) * 1.4, mh / 5.0);
        if (cw / ch > (double) W / H) ch = cw * H / W;
        else cw = ch * W / H;
        cw = Math.min(cw, mw);
        ch = Math.min(ch, mh);
        double x0 = Math.clamp((box[0] + box[2]) / 2.0 - cw / 2, 0, mw - cw);
        double y0 = Math.clamp((box[1] + box[3]) / 2.0 - ch / 2, 0, mh - ch);
        int[] out = new int[W * H];
        int[] labels = mask.labels();
        boolean[] in = new boolean[W * H];
        for (int y = 0; y < H; y++) {
            int sy = Math.min(mh - 1, (int) (y0 + (y + 0.5) * ch / H));
            for (int x = 0; x < W; x++) {
                int sx = Math.min(mw - 1, (int) (x0 + (x + 0.5) * cw / W));
                in[y * W + x] = labels[sy * mw + sx] == local;
                int base = 0x2a2d33;
                if (b.picture != null) {
                    int px = Math.min(b.w - 1, sx * b.w / mw),
                            py = Math.min(b.h - 1, sy * b.h / mh);
                    base = b.picture[py * b.w + px] & 0xffffff;
                }
                out[y * W + x] = base;
            }
        }
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int p = y * W + x;
                int c = out[p];
                if (!in[p]) c = mix(c, 0, 0.55);
                else if (edge(in, x, y)) c = rgb;
                else c = mix(c, rgb, 0.6);
                out[p] = 0xff000000 | c;
            }
        }
        return new Thumb(W, H, out);
    }

    private static boolean edge(boolean[] in, int x, int y) {
        return x == 0
                || y == 0
                || x == W - 1
                || y == H - 1
                || !in[y * W + x - 1]
                || !in[y * W + x + 1]
                || !in[(y - 1) * W + x]
                || !in[(y + 1) * W + x];
    }

    private static int mix(int a, int b, double t) {
        int r = (int) (((a >> 16) & 0xff) * (1 - t) + ((b >> 16) & 0xff) * t);
        int g = (int) (((a >> 8) & 0xff) * (1 - t) + ((b >> 8) & 0xff) * t);
        int bl = (int) ((a & 0xff) * (1 - t) + (b & 0xff) * t);
        return r << 16 | g << 8 | bl;
    }

    @Override
    public void close() {
        worker.interrupt();
    }
}
