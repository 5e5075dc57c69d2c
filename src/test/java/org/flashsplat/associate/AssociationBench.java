package org.flashsplat.associate;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.flashsplat.camera.Camera;
import org.flashsplat.core.Progress;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.raster.AccumulateStats;
import org.flashsplat.raster.Contributions;
import org.flashsplat.raster.Renderer;
import org.flashsplat.raster.Renderers;
import org.flashsplat.sample.SampleMasks;
import org.flashsplat.sample.SceneGenerator;
import org.flashsplat.sample.SceneSpec;

/**
 * Association time against one accumulate pass, on a generated scene (not a unit test: run by hand,
 * figures go to docs/PERFORMANCE.md).
 *
 * <pre>
 * java -Xmx8g -cp target/classes:target/test-classes:DEPS org.flashsplat.associate.AssociationBench \
 *     [gaussians=1000000] [views=200] [width=320] [height=240] [objects=30] [backend=auto]
 * </pre>
 *
 * The masks are each object's projected disc (nearer over farther), with random local IDs per view
 * for the association and the true IDs for the accumulate pass. The objects stand apart on the
 * floor: spheres that pass through each other would give disc masks that contradict the ground
 * truth (the nearer disc hides Gaussians of the farther sphere that lie in front of it), and the
 * figure would measure that contradiction rather than the association.
 */
public final class AssociationBench {
    private AssociationBench() {}

    public static void main(String[] args) {
        int n = arg(args, 0, 1_000_000), views = arg(args, 1, 200);
        int w = arg(args, 2, 320), h = arg(args, 3, 240), objects = arg(args, 4, 30);
        String backend = args.length > 5 ? args[5] : "auto";
        int downscale = arg(args, 6, 1);
        SceneSpec spec =
                new SceneSpec(
                        "assoc-bench",
                        n,
                        objects,
                        0.6,
                        0.15,
                        0.3,
                        3.0,
                        8,
                        0.003,
                        0.03,
                        0.05,
                        0.99,
                        0,
                        views,
                        w,
                        h,
                        60,
                        7.0, // far enough that nearly every view sees all 30 objects
                        -1.6,
                        0.05, // > 0: objects rest on the floor, apart (see SceneGenerator)
                        20261124L);
        long t0 = System.nanoTime();
        SceneGenerator.Generated g = SceneGenerator.generate(spec);
        List<Camera> cams = g.cameras();
        LabelMask[] truth = new LabelMask[views], local = new LabelMask[views];
        SplittableRandom rnd = new SplittableRandom(1);
        int masks = 0;
        for (int v = 0; v < views; v++) {
            truth[v] = SampleMasks.discs(g, cams.get(v));
            int[] rename = new int[objects + 1];
            for (int k = 1; k <= objects; k++) rename[k] = k;
            for (int k = objects; k > 1; k--) {
                int j = 1 + rnd.nextInt(k);
                int t = rename[k];
                rename[k] = rename[j];
                rename[j] = t;
            }
            int[] l = truth[v].labels().clone();
            for (int p = 0; p < l.length; p++) l[p] = rename[l[p]];
            local[v] = new LabelMask(w, h, l);
            masks += ViewMasks.of(v, "", local[v]).count();
        }
        System.out.printf(
                Locale.ROOT,
                "scene: %,d Gaussians, %d views of %dx%d, %d masks (%.1f per view), generated in"
                        + " %.1f s; %d cores, heap %d MB%n",
                n,
                views,
                w,
                h,
                masks,
                (double) masks / views,
                (System.nanoTime() - t0) / 1e9,
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        try (Renderer r = Renderers.open(Renderers.Backend.parse(backend), Progress.NONE)) {
            System.out.println(
                    "backend: " + r.description() + "; association downscale " + downscale);
            Contributions a = new Contributions(objects + 1, n);
            long s = System.nanoTime(), c = cpu();
            AccumulateStats st = r.accumulate(g.scene(), cams, v -> truth[v], a, Progress.NONE);
            double acc = (System.nanoTime() - s) / 1e9, accCpu = (cpu() - c) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "accumulate (global IDs, %d labels): %.2f s wall, %.2f s CPU (median view %.1f"
                            + " ms)%n",
                    objects + 1,
                    acc,
                    accCpu,
                    st.medianViewMillis());
            a = null;
            s = System.nanoTime();
            c = cpu();
            Associator.Result res =
                    Associator.run(
                            g.scene(),
                            cams,
                            v -> local[v],
                            AssociationParams.defaults().withDownscale(downscale),
                            r,
                            Progress.NONE);
            double total = (System.nanoTime() - s) / 1e9, totalCpu = (cpu() - c) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "association: %.2f s wall, %.2f s CPU = scene pass %.2f s + sparse read-out %.2f s"
                            + " + clustering %.2f s (wall; %d masks) -> %.2fx one"
                            + " accumulate pass (wall), %.2fx (CPU)%n",
                    total,
                    totalCpu,
                    res.renderSeconds(),
                    res.readSeconds(),
                    res.clusterSeconds(),
                    res.masks(),
                    total / acc,
                    totalCpu / accCpu);
            AssociationTable t = res.table();
            long right = 0, all = 0;
            int[] object = new int[t.nextId()];
            for (MaskAssignment m : t.allMasks()) {
                if (m.instance() == 0) continue;
                // instance -> true object: the first mask decides, the rest must agree
                int trueId = 0;
                LabelMask l = local[m.view()], tr = truth[m.view()];
                for (int p = 0; p < l.labels().length; p++) {
                    if (l.labels()[p] == m.local()) {
                        trueId = tr.labels()[p];
                        break;
                    }
                }
                if (object[m.instance()] == 0) object[m.instance()] = trueId;
                all++;
                if (object[m.instance()] == trueId) right++;
            }
            System.out.printf(
                    Locale.ROOT,
                    "result: %d instances for %d objects; %d of %d associated masks consistent;"
                            + " peak heap %d MB%n",
                    t.instances().size(),
                    objects,
                    right,
                    all,
                    (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
        }
    }

    /** CPU time of the whole process: the machine is shared, so wall time alone misleads. */
    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static int arg(String[] a, int i, int d) {
        return a.length > i ? Integer.parseInt(a[i].replace("_", "")) : d;
    }
}
