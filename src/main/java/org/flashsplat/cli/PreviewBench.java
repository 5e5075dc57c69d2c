package org.flashsplat.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.flashsplat.camera.Camera;
import org.flashsplat.raster.Memberships;
import org.flashsplat.raster.Renderer;
import org.flashsplat.sample.SceneGenerator;
import org.flashsplat.sample.SceneSpec;
import org.flashsplat.studio.preview.OrbitCamera;
import org.flashsplat.studio.preview.PreviewFrames;
import org.flashsplat.studio.preview.PreviewRenderer;
import org.flashsplat.studio.preview.PreviewStyle;

/**
 * The studio preview's frame time on a generated scene, through the studio's own pipeline ({@link
 * PreviewFrames}: budget and reduced resolution while moving, full scene at rest): first an orbit
 * of moving frames, the way a mouse drag asks for them, then full frames at rest from new places.
 * The scene is shown segmented (its generated objects, tinted), as after a lift. Prints median and
 * best per kind, and where the renderer says, the median of each phase.
 */
final class PreviewBench {
    private PreviewBench() {}

    static int run(
            SceneSpec spec,
            Renderer r,
            int width,
            int height,
            int moving,
            int rest,
            int budget,
            java.nio.file.Path pictures) {
        long t0 = System.nanoTime();
        SceneGenerator.Generated g = SceneGenerator.generate(spec);
        System.out.printf(
                Locale.ROOT,
                "scene %s: %,d Gaussians, SH degree %d (generated in %.1f s); preview %dx%d, %s%n",
                spec.name(),
                g.scene().count(),
                g.scene().shDegree(),
                (System.nanoTime() - t0) / 1e9,
                width,
                height,
                r.description());
        PreviewStyle style = segmented(g);
        double[] b = g.scene().bounds();
        double[] centre = {(b[0] + b[3]) / 2, (b[1] + b[4]) / 2, (b[2] + b[5]) / 2};
        Camera first = g.cameras().getFirst();
        OrbitCamera orbit = OrbitCamera.from(first, OrbitCamera.upFrom(g.cameras()), centre);
        PreviewFrames frames = new PreviewFrames(budget);
        float[] background = {0.11f, 0.12f, 0.14f};
        // A drag: small turns, one frame each, as fast as frames come. The first frames warm up
        // the JIT and build the per-scene state (budget subset, covariances); not reported.
        int warm = Math.min(5, moving);
        Series move = new Series();
        for (int f = 0; f < moving + warm; f++) {
            orbit = orbit.orbit(0.01, 0.002);
            var req =
                    new PreviewRenderer.Request(
                            g.scene(), orbit.camera(width, height), style, true, background);
            long c = processCpuNanos();
            PreviewRenderer.Image img = frames.render(r, req);
            if (f >= warm) move.add(img, r, processCpuNanos() - c);
            if (f == 0)
                System.out.printf(
                        Locale.ROOT,
                        "first moving frame (builds the scene's moving subset): %.0f ms%n",
                        img.millis());
            if (f == moving + warm - 1) write(pictures, "moving.png", img);
        }
        move.print("moving", frames);
        // The studio's full frames come after a drag stops, so each follows a few moving frames
        // (which, for a large scene, draw its subset: a renderer that caches per scene must keep
        // both).
        Series still = new Series();
        for (int f = 0; f < rest + 1; f++) {
            for (int k = 0; k < 3; k++) {
                orbit = orbit.orbit(0.01, 0);
                frames.render(
                        r,
                        new PreviewRenderer.Request(
                                g.scene(), orbit.camera(width, height), style, true, background));
            }
            var req =
                    new PreviewRenderer.Request(
                            g.scene(), orbit.camera(width, height), style, false, background);
            long c = processCpuNanos();
            PreviewRenderer.Image img = frames.render(r, req);
            if (f >= 1) still.add(img, r, processCpuNanos() - c);
            if (f == rest) write(pictures, "rest.png", img);
        }
        still.print("at rest", frames);
        System.out.printf(
                Locale.ROOT,
                "load average %.2f; %d cores%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        return 0;
    }

    /** The last frame of a kind, to look at what the numbers buy. */
    private static void write(java.nio.file.Path dir, String name, PreviewRenderer.Image img) {
        if (dir == null) return;
        var out =
                new java.awt.image.BufferedImage(
                        img.width(), img.height(), java.awt.image.BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, img.width(), img.height(), img.argb(), 0, img.width());
        try {
            java.nio.file.Files.createDirectories(dir);
            javax.imageio.ImageIO.write(out, "png", dir.resolve(name).toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The generated objects as a segmentation, tinted, everything shown. */
    private static PreviewStyle segmented(SceneGenerator.Generated g) {
        int k = g.spec().objects();
        int[] colours = new int[k + 1];
        for (int o = 1; o <= k; o++) colours[o] = 0x203040 + o * 0x1f2d11;
        boolean[] visible = new boolean[k + 1];
        Arrays.fill(visible, true);
        return new PreviewStyle(
                Memberships.ofLabels(k, g.groundTruth()),
                colours,
                visible,
                new boolean[k + 1],
                new boolean[k + 1],
                PreviewStyle.Mode.ALL,
                true,
                0,
                0);
    }

    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : 0;
    }

    private static final class Series {
        final List<Double> millis = new ArrayList<>();
        final List<Double> cpu = new ArrayList<>();
        final Map<String, List<Double>> phases = new LinkedHashMap<>();
        int width, height;

        void add(PreviewRenderer.Image img, Renderer r, long cpuNanos) {
            millis.add(img.millis());
            cpu.add(cpuNanos / 1e6);
            width = img.width();
            height = img.height();
            double inside = 0;
            for (var e : r.lastRenderMillis().entrySet()) {
                phases.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
                inside += e.getValue();
            }
            if (!phases.isEmpty())
                phases.computeIfAbsent("rest", k -> new ArrayList<>()).add(img.millis() - inside);
        }

        void print(String kind, PreviewFrames frames) {
            double median = median(millis);
            double best = millis.stream().mapToDouble(d -> d).min().orElse(0);
            StringBuilder s = new StringBuilder();
            for (var e : phases.entrySet())
                s.append(String.format(Locale.ROOT, " %s %.1f,", e.getKey(), median(e.getValue())));
            if (!s.isEmpty()) s.setLength(s.length() - 1);
            System.out.printf(
                    Locale.ROOT,
                    "%s (%d frames at %dx%d): median %.1f ms (%.1f fps), best %.1f ms (%.1f fps),"
                            + " median CPU %.1f ms%s%n",
                    kind,
                    millis.size(),
                    width,
                    height,
                    median,
                    1000 / median,
                    best,
                    1000 / best,
                    median(cpu),
                    s.isEmpty() ? "" : "; median ms:" + s);
        }

        private static double median(List<Double> v) {
            double[] a = v.stream().mapToDouble(d -> d).sorted().toArray();
            if (a.length == 0) return Double.NaN;
            return a.length % 2 == 1
                    ? a[a.length / 2]
                    : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
        }
    }
}
