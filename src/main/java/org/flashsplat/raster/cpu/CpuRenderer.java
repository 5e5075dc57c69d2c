package org.flashsplat.raster.cpu;

import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.flashsplat.camera.Camera;
import org.flashsplat.core.Progress;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.raster.AccumulateStats;
import org.flashsplat.raster.Contributions;
import org.flashsplat.raster.Frame;
import org.flashsplat.raster.MaskProvider;
import org.flashsplat.raster.Memberships;
import org.flashsplat.raster.RenderRequest;
import org.flashsplat.raster.Renderer;
import org.flashsplat.raster.ShColour;
import org.flashsplat.scene.GaussianScene;

/**
 * The forward pass on the CPU: tiles spread over a pool of threads, each blending whole tiles.
 * Contributions are 64-bit fixed-point sums (see {@link Contributions}), so the result is
 * bit-identical for any thread count. Not safe for concurrent calls: callers own one renderer per
 * worker (the studio keeps one per render thread).
 */
public final class CpuRenderer implements Renderer {
    private final int threads;
    private final ForkJoinPool pool;
    private final RowKernel kernel;
    private final ThreadLocal<TileBlender> blenders;
    private final Projection projection = new Projection();
    private final TileBins bins = new TileBins();
    private final ViewCache viewCache = new ViewCache();
    private final ExecutorService maskLoader =
            Executors.newSingleThreadExecutor(
                    r -> {
                        Thread t = new Thread(r, "mask-prefetch");
                        t.setDaemon(true);
                        return t;
                    });

    /**
     * Constants (covariances, culling tau) of the last two scenes seen, most recent first. Two,
     * because the preview alternates between a scene and its moving subset (see GaussianBudget):
     * with one entry every stop and every new drag would recompute them for the whole scene.
     */
    private final WeakReference<?>[] covScene = {
        new WeakReference<>(null), new WeakReference<>(null)
    };

    private final SceneConstants[] constants = new SceneConstants[2];

    /** Covariance computations so far; for tests. */
    long covarianceBuilds;

    /** Phase times of the last render, nanoseconds (see {@link #lastRenderMillis}). */
    private long projectNanos, binNanos, colourNanos, blendNanos;

    public CpuRenderer() {
        this(Runtime.getRuntime().availableProcessors());
    }

    public CpuRenderer(int threads) {
        this(threads, RowKernels.get());
    }

    /** A renderer with a given row kernel (tests and benchmarks compare them). */
    CpuRenderer(int threads, RowKernel kernel) {
        this.threads = Math.max(1, threads);
        this.pool = new ForkJoinPool(this.threads);
        this.kernel = kernel;
        this.blenders = ThreadLocal.withInitial(() -> new TileBlender(kernel));
    }

    @Override
    public String kind() {
        return "cpu";
    }

    @Override
    public String description() {
        return "CPU, "
                + threads
                + (threads == 1 ? " thread, " : " threads, ")
                + kernel.description();
    }

    private SceneConstants constants(GaussianScene scene) {
        if (covScene[1].get() == null) constants[1] = null; // that scene is gone
        if (covScene[0].get() != scene) {
            SceneConstants c = covScene[1].get() == scene ? constants[1] : null;
            if (c == null) {
                c = run(() -> SceneConstants.of(scene));
                covarianceBuilds++;
            }
            covScene[1] = covScene[0];
            constants[1] = constants[0];
            covScene[0] = new WeakReference<>(scene);
            constants[0] = c;
        }
        return constants[0];
    }

    @Override
    public AccumulateStats accumulate(
            GaussianScene scene,
            List<Camera> cameras,
            MaskProvider masks,
            Contributions into,
            Progress progress) {
        if (into.count() != scene.count()) {
            throw new IllegalArgumentException(
                    "contributions for " + into.count() + " Gaussians, scene has " + scene.count());
        }
        SceneConstants cov = constants(scene);
        // Sums by rank (see SceneConstants), handed back in the scene's order once at the end:
        // added by scene index, each view's sums went to random places in memory.
        Contributions byRank = new Contributions(into.labels(), into.count());
        double[] millis = new double[cameras.size()];
        int done = 0;
        long pixels = 0, walked = 0, evaluated = 0, blended = 0;
        progress.begin("accumulate", cameras.size());
        CompletableFuture<LabelMask> next = prefetch(masks, 0, cameras.size());
        for (int v = 0; v < cameras.size(); v++) {
            progress.checkCancelled();
            LabelMask mask;
            try {
                mask = next.join();
            } catch (java.util.concurrent.CompletionException e) {
                // a mask that cannot be read is the user's input problem: pass it on as it was
                if (e.getCause() instanceof RuntimeException re) throw re;
                throw e;
            }
            next = prefetch(masks, v + 1, cameras.size());
            if (mask == null) {
                progress.advance(1);
                continue;
            }
            Camera cam = cameras.get(v);
            if (mask.width() != cam.width() || mask.height() != cam.height()) {
                throw new IllegalArgumentException(
                        "mask of view " + cam.name() + " is not at the camera's resolution");
            }
            long t0 = System.nanoTime();
            long[] counts = run(() -> accumulateView(scene, cov, cam, mask.labels(), byRank));
            millis[done++] = (System.nanoTime() - t0) / 1e6;
            pixels += (long) cam.width() * cam.height();
            walked += counts[0];
            evaluated += counts[1];
            blended += counts[2];
            progress.advance(1);
        }
        next.cancel(false);
        run(
                () -> {
                    into.addRenumbered(byRank, cov.order(), cov.rankOf());
                    return null;
                });
        return new AccumulateStats(
                done, pixels, walked, evaluated, blended, java.util.Arrays.copyOf(millis, done));
    }

    private CompletableFuture<LabelMask> prefetch(MaskProvider masks, int index, int count) {
        if (index >= count) return CompletableFuture.completedFuture(null);
        return CompletableFuture.supplyAsync(() -> masks.mask(index), maskLoader);
    }

    private long[] accumulateView(
            GaussianScene scene, SceneConstants cov, Camera cam, int[] labels, Contributions into) {
        prepare(scene, cov, cam, null);
        return blendAll(cam, labels, into, null);
    }

    /**
     * Projects and bins the scene for a camera, unless the buffers already hold exactly that view
     * (see {@link ViewCache}): a region-limited re-accumulation after a mask edit then costs only
     * the blending of the tiles it touches.
     */
    private void prepare(GaussianScene scene, SceneConstants cov, Camera cam, boolean[] hidden) {
        if (hidden == null && viewCache.holds(scene, cam)) return;
        viewCache.clear();
        long t0 = System.nanoTime();
        projection.run(cov, cam, hidden);
        long t1 = System.nanoTime();
        bins.build(projection);
        projectNanos = t1 - t0;
        binNanos = System.nanoTime() - t1;
        if (hidden == null) viewCache.remember(scene, cam);
    }

    /** Preprocesses run so far (cache misses); for tests. */
    long preprocesses() {
        return viewCache.misses;
    }

    private long[] blendAll(Camera cam, int[] labels, Contributions into, TileBlender.Outputs out) {
        AtomicInteger nextTile = new AtomicInteger();
        long[] totals = new long[3];
        int tiles = bins.tiles;
        java.util.List<java.util.concurrent.ForkJoinTask<?>> workers = new java.util.ArrayList<>();
        for (int w = 0; w < threads; w++) {
            workers.add(
                    java.util.concurrent.ForkJoinTask.adapt(
                            () -> {
                                TileBlender b = blenders.get();
                                b.walked = b.evaluated = b.blended = 0;
                                for (int t; (t = nextTile.getAndIncrement()) < tiles; ) {
                                    b.blend(
                                            projection,
                                            bins,
                                            t,
                                            cam.width(),
                                            cam.height(),
                                            labels,
                                            into,
                                            out);
                                }
                                synchronized (totals) {
                                    totals[0] += b.walked;
                                    totals[1] += b.evaluated;
                                    totals[2] += b.blended;
                                }
                            }));
        }
        java.util.concurrent.ForkJoinTask.invokeAll(workers);
        return totals;
    }

    @Override
    public Frame render(GaussianScene scene, Camera cam, RenderRequest request) {
        return run(() -> renderNow(scene, cam, request));
    }

    private Frame renderNow(GaussianScene scene, Camera cam, RenderRequest request) {
        SceneConstants cov = constants(scene);
        projectNanos = binNanos = 0;
        prepare(scene, cov, cam, request.hidden());
        long t0 = System.nanoTime();
        int plane = cam.width() * cam.height();
        TileBlender.Outputs out = new TileBlender.Outputs();
        out.alpha = reused(spareAlphas, plane);
        out.background = request.background() == null ? new float[3] : request.background();
        if (request.colour()) {
            out.rgb = reused(spareColours, 3 * plane);
            colours(scene, cov, cam.position(), request.tint(), request.tintStrength());
        }
        if (request.depth()) out.depth = new float[plane];
        Memberships m = request.objects();
        if (m != null) {
            out.objects = m.objects();
            out.objectWeight = new float[m.objects() * plane];
            out.objectDepth = new float[m.objects() * plane];
            indexObjects(m, out);
        }
        long t1 = System.nanoTime();
        blendAll(cam, null, null, out);
        colourNanos = t1 - t0;
        blendNanos = System.nanoTime() - t1;
        return new Frame(
                cam.width(),
                cam.height(),
                out.alpha,
                out.rgb,
                out.depth,
                out.objects,
                out.objectWeight,
                out.objectDepth);
    }

    /**
     * Arrays of recycled frames, most recent first, reused for later frames of the same size: a
     * fresh 640x480 frame's alpha and colour cost 4-14 ms in allocation (arrays over half a G1
     * region go to regions of their own, and a young generation's fresh pages cost a fault each on
     * first touch). A few sizes, because the preview alternates between its reduced moving size,
     * which adapts, and the full size at rest. Only these two planes, which {@link
     * TileBlender#blend} overwrites at every pixel; depth and object planes are sums and start at
     * 0.
     */
    private final java.util.ArrayDeque<float[]> spareAlphas = new java.util.ArrayDeque<>(),
            spareColours = new java.util.ArrayDeque<>();

    private static final int SPARE_SIZES = 3;

    private static float[] reused(java.util.ArrayDeque<float[]> spares, int length) {
        for (var it = spares.iterator(); it.hasNext(); ) {
            float[] a = it.next();
            if (a.length == length) {
                it.remove();
                return a;
            }
        }
        return new float[length];
    }

    /**
     * Keeps a recycled array; past {@link #SPARE_SIZES} drops the oldest but never the largest: the
     * moving size adapts from frame to frame, and the full frame after a drag is the one that
     * matters.
     */
    private static void keep(java.util.ArrayDeque<float[]> spares, float[] a) {
        if (a == null) return;
        for (float[] s : spares) if (s == a) return; // handed back twice: kept once
        spares.addFirst(a);
        if (spares.size() <= SPARE_SIZES) return;
        int largest = 0;
        for (float[] s : spares) largest = Math.max(largest, s.length);
        for (var it = spares.descendingIterator(); it.hasNext(); ) {
            if (it.next().length < largest) {
                it.remove();
                return;
            }
        }
        spares.removeLast();
    }

    @Override
    public void recycle(Frame frame) {
        keep(spareAlphas, frame.alpha());
        keep(spareColours, frame.rgb());
    }

    @Override
    public java.util.Map<String, Double> lastRenderMillis() {
        var m = new java.util.LinkedHashMap<String, Double>();
        m.put("projection", projectNanos / 1e6);
        m.put("binning", binNanos / 1e6);
        m.put("colour", colourNanos / 1e6);
        m.put("blend", blendNanos / 1e6);
        return m;
    }

    /** Per scene index, whether the last projection kept the Gaussian; reused. */
    private boolean[] keptByIndex = new boolean[0];

    /** Per-Gaussian colours by scene index, reused: the first step of {@link #colours}. */
    private float[] rgbByIndex = new float[0];

    /**
     * SH colour, tinted where asked, of the Gaussians the projection kept (the blend reads no
     * other), into their packed records ({@link Projection#RED}..), where the blend reads them with
     * the rest of the record. Evaluated by scene index, reading the scene in sequence, then copied
     * by rank a chunk at a time: reading the scene by rank, or writing each colour to its record as
     * soon as it is evaluated, took two to three times as long (one thread, 1M Gaussians: 58-85 ms
     * against 23-29 ms).
     */
    private void colours(
            GaussianScene scene, SceneConstants k, double[] eye, float[] tint, float strength) {
        int n = scene.count();
        int[] x0 = projection.rectX0, x1 = projection.rectX1, order = k.order();
        int[] rankOf = k.rankOf();
        if (keptByIndex.length < n) keptByIndex = new boolean[n];
        if (rgbByIndex.length < 3 * n) rgbByIndex = new float[3 * n];
        boolean[] kept = keptByIndex;
        float[] rgb = rgbByIndex, packed = projection.packed;
        // by scene index, from the ranks in their order: reads in sequence, writes to a small array
        for (int r = 0; r < n; r++) kept[order[r]] = x0[r] != x1[r];
        boolean tinted = tint != null && strength != 0;
        IntPredicate culled = i -> !kept[i];
        int chunks = (n + 8191) / 8192;
        IntStream.range(0, chunks)
                .parallel()
                .forEach(
                        c -> {
                            int from = c * 8192, to = Math.min(n, from + 8192);
                            ShColour.evaluate(scene, eye, rgb, from, to, culled);
                            if (tinted) tint(rgb, tint, strength, from, to);
                            for (int i = from; i < to; i++) {
                                if (!kept[i]) continue;
                                int at = rankOf[i] * Projection.STRIDE + Projection.RED;
                                packed[at] = rgb[3 * i];
                                packed[at + 1] = rgb[3 * i + 1];
                                packed[at + 2] = rgb[3 * i + 2];
                            }
                        });
    }

    /**
     * Mixes the tint in where a Gaussian has one. Culled Gaussians hold stale colours that the
     * blend never reads; mixing those too keeps this a plain loop.
     */
    private static void tint(float[] rgb, float[] tint, float strength, int from, int to) {
        for (int k = 3 * from; k < 3 * to; k++) {
            if (tint[k] >= 0) rgb[k] = (1 - strength) * rgb[k] + strength * tint[k];
        }
    }

    /** Per Gaussian, the objects it belongs to, as a compact list (most belong to none or one). */
    private static void indexObjects(Memberships m, TileBlender.Outputs out) {
        int[][] lists = m.objectLists();
        out.objectStart = lists[0];
        out.objectList = lists[1];
    }

    private <T> T run(java.util.concurrent.Callable<T> work) {
        try {
            return pool.submit(work).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new org.flashsplat.core.CancelledException();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        maskLoader.shutdownNow();
    }
}
