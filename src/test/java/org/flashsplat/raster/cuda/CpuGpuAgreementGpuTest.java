package org.flashsplat.raster.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.flashsplat.camera.Camera;
import org.flashsplat.core.Progress;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.raster.AccumulateStats;
import org.flashsplat.raster.Contributions;
import org.flashsplat.raster.Dense;
import org.flashsplat.raster.Frame;
import org.flashsplat.raster.Memberships;
import org.flashsplat.raster.RenderRequest;
import org.flashsplat.raster.cpu.CpuRenderer;
import org.flashsplat.scene.GaussianScene;
import org.flashsplat.scene.PlyType;
import org.flashsplat.scene.VertexTable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CPU and GPU on random scenes: contributions, determinism, renders. */
@Tag("gpu")
class CpuGpuAgreementGpuTest {
    static final int LABELS = 5;

    /** Raw PLY-style columns: clusters in front of and behind the cameras, all sizes. */
    static GaussianScene randomScene(int n, int degree, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int rest = degree == 0 ? 0 : 3 * ((degree + 1) * (degree + 1) - 1);
        List<String> names =
                new ArrayList<>(
                        List.of(
                                "x", "y", "z", "opacity", "scale_0", "scale_1", "scale_2", "rot_0",
                                "rot_1", "rot_2", "rot_3", "f_dc_0", "f_dc_1", "f_dc_2"));
        for (int k = 0; k < rest; k++) names.add("f_rest_" + k);
        float[][] c = new float[names.size()][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) c[k][i] = (float) (rnd.nextGaussian() * 1.5);
            c[3][i] = (float) (rnd.nextGaussian() * 3); // logit: from nearly 0 to nearly 1
            double big = rnd.nextDouble() < 0.02 ? 2 : 0; // a few huge ones cover many tiles
            for (int k = 4; k < 7; k++)
                c[k][i] = (float) (Math.log(0.002 + 0.1 * rnd.nextDouble()) + big);
            for (int k = 7; k < 11; k++) c[k][i] = (float) rnd.nextGaussian();
            for (int k = 11; k < names.size(); k++)
                c[k][i] = (float) (rnd.nextGaussian() * (k < 14 ? 1 : 0.2));
        }
        List<VertexTable.Column> cols = new ArrayList<>();
        for (int k = 0; k < names.size(); k++)
            cols.add(new VertexTable.Column(names.get(k), PlyType.FLOAT, c[k]));
        return GaussianScene.of(new VertexTable(n, cols, List.of()), null);
    }

    static List<Camera> cameras(int views, int w, int h) {
        List<Camera> out = new ArrayList<>();
        for (int v = 0; v < views; v++) {
            double a = 2 * Math.PI * v / views;
            double[] eye = {4 * Math.cos(a), -1 + 0.3 * v % 2, 4 * Math.sin(a)};
            out.add(
                    Camera.lookAt(
                            v,
                            "v" + v,
                            w,
                            h,
                            0.8 * w,
                            eye,
                            new double[3],
                            new double[] {0, -1, 0}));
        }
        return out;
    }

    /** Blobs of labels 0..LABELS-1, some pixels -1 (excluded), one view without a mask. */
    static LabelMask[] masks(List<Camera> cams, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        LabelMask[] m = new LabelMask[cams.size()];
        for (int v = 0; v < m.length; v++) {
            if (v == 1) continue; // no mask: skipped
            int w = cams.get(v).width(), h = cams.get(v).height();
            int[] l = new int[w * h];
            double cx = rnd.nextDouble() * w, cy = rnd.nextDouble() * h;
            for (int q = 0; q < l.length; q++) {
                int u = q % w, y = q / w;
                double d = Math.hypot(u - cx, y - cy);
                l[q] = d < w / 6.0 ? 1 + (u / 37) % (LABELS - 1) : 0;
                if (rnd.nextDouble() < 0.01 || (u > w - 20 && y < 20)) l[q] = -1;
            }
            m[v] = new LabelMask(w, h, l);
        }
        return m;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void contributionsAgreeAndRepeatBitForBit(int degree) throws Exception {
        GaussianScene s = randomScene(20_000, degree, 17 + degree);
        List<Camera> cams = cameras(6, 203, 151); // not a multiple of 16: partial tiles
        LabelMask[] masks = masks(cams, 5);
        Contributions cpu = new Contributions(LABELS, s.count());
        Contributions gpu = new Contributions(LABELS, s.count());
        Contributions again = new Contributions(LABELS, s.count());
        AccumulateStats cs, gs;
        try (CpuRenderer r = new CpuRenderer(2)) {
            cs = r.accumulate(s, cams, v -> masks[v], cpu, Progress.NONE);
        }
        try (CudaRenderer r = (CudaRenderer) CudaRenderer.open()) {
            gs = r.accumulate(s, cams, v -> masks[v], gpu, Progress.NONE);
            r.accumulate(s, cams, v -> masks[v], again, Progress.NONE);
            // A device table of 1024 slots must grow or be folded to the host many times over
            // (no room to grow): the same sums.
            r.maxTableSlots = SparseTable.MIN_SLOTS;
            Contributions flushed = new Contributions(LABELS, s.count());
            r.accumulate(s, cams, v -> masks[v], flushed, Progress.NONE);
            r.maxTableSlots = Long.MAX_VALUE;
            assertThat(Dense.fixed(flushed)).containsExactly(Dense.fixed(gpu));
        }
        assertThat(Dense.fixed(again)).containsExactly(Dense.fixed(gpu));
        double err = Tabletop.relL1(Dense.floats(gpu), Dense.floats(cpu));
        System.out.printf(
                "degree %d: rel L1 %.3g; blended CPU %d GPU %d; GPU median view %.3f ms%n",
                degree, err, cs.blendedPairs(), gs.blendedPairs(), gs.medianViewMillis());
        // one blend rule (BlendRule / blend_rule.cuh): the same bits and the same pairs
        assertThat(Dense.fixed(gpu)).as("rel L1 %.3g", err).containsExactly(Dense.fixed(cpu));
        assertThat(gs.views()).isEqualTo(cs.views());
        assertThat(gs.pixels()).isEqualTo(cs.pixels());
        assertThat(gs.blendedPairs()).isEqualTo(cs.blendedPairs());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3})
    void rendersAgree(int degree) throws Exception {
        GaussianScene s = randomScene(20_000, degree, 40 + degree);
        Camera cam = cameras(3, 203, 151).get(2);
        int n = s.count();
        SplittableRandom rnd = new SplittableRandom(9);
        byte[] member = new byte[2 * n];
        boolean[] hidden = new boolean[n];
        float[] tint = new float[3 * n];
        for (int i = 0; i < n; i++) {
            member[i] = (byte) (rnd.nextDouble() < 0.3 ? 1 : 0);
            member[n + i] = (byte) (rnd.nextDouble() < 0.2 ? 1 : 0);
            hidden[i] = rnd.nextDouble() < 0.1;
            for (int c = 0; c < 3; c++) tint[3 * i + c] = rnd.nextDouble() < 0.5 ? -1 : 0.7f;
        }
        RenderRequest req =
                new RenderRequest(
                        true,
                        true,
                        Memberships.ofDense(2, n, member),
                        tint,
                        0.4f,
                        hidden,
                        new float[] {0.1f, 0.2f, 0.3f});
        Frame c, g;
        try (CpuRenderer r = new CpuRenderer(2)) {
            c = r.render(s, cam, req);
        }
        try (CudaRenderer r = (CudaRenderer) CudaRenderer.open()) {
            g = r.render(s, cam, req);
            Frame plain = r.render(s, cam, RenderRequest.colourOnly());
            assertThat(plain.depth()).isNull();
            assertThat(plain.objectWeight()).isNull();
        }
        assertClose(g.alpha(), c.alpha());
        assertClose(g.rgb(), c.rgb());
        assertClose(g.depth(), c.depth());
        assertClose(g.objectWeight(), c.objectWeight());
        assertClose(g.objectDepthSum(), c.objectDepthSum());
        assertThat(g.objects()).isEqualTo(2);
    }

    /** Same arithmetic and order: equal up to the few pixels where expf and Math.exp differ. */
    private static void assertClose(float[] gpu, float[] cpu) {
        assertThat(gpu).hasSameSizeAs(cpu);
        int off = 0;
        double worst = 0;
        for (int k = 0; k < cpu.length; k++) {
            double d = Math.abs(gpu[k] - cpu[k]);
            worst = Math.max(worst, d);
            if (d > 1e-4 * Math.max(1, Math.abs(cpu[k]))) off++;
        }
        assertThat(off)
                .as("values off by more than 1e-4 (worst %g)", worst)
                .isLessThanOrEqualTo(cpu.length / 1000);
    }
}
