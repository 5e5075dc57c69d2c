package org.flashsplat.raster.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import org.flashsplat.core.Progress;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.raster.AccumulateStats;
import org.flashsplat.raster.ContributionTable;
import org.flashsplat.raster.Contributions;
import org.flashsplat.raster.cpu.CpuRenderer;
import org.flashsplat.sample.SampleMasks;
import org.flashsplat.sample.SceneGenerator;
import org.flashsplat.sample.SceneSpec;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Hundreds of labels on the GPU (issue 13 item 6): one pass over the views, no labels x Gaussians
 * table on the device, and the CPU's bits exactly, also when the device table has to be folded to
 * the host many times.
 */
@Tag("gpu")
class ManyLabelsGpuTest {
    /** The many-labels scene at test size: 250 objects, 6 views (as cli.ManyLabelsTest). */
    static final SceneSpec SPEC =
            new SceneSpec(
                    "many-labels-gpu",
                    40_000,
                    250,
                    0.6,
                    0.05,
                    0.1,
                    1.6,
                    5,
                    0.004,
                    0.02,
                    0.1,
                    0.99,
                    0,
                    6,
                    320,
                    180,
                    60,
                    4.0,
                    -1.6,
                    0,
                    20261202L);

    @Test
    void manyLabelsMatchTheCpuBitForBitWithoutADenseTable() throws Exception {
        SceneGenerator.Generated g = SceneGenerator.generate(SPEC);
        LabelMask[] masks = new LabelMask[SPEC.cameras()];
        for (int v = 0; v < masks.length; v++) masks[v] = SampleMasks.discs(g, g.cameras().get(v));
        int labels = SPEC.objects() + 1, n = g.scene().count();
        Contributions cpu = new Contributions(labels, n), gpu = new Contributions(labels, n);
        Contributions small = new Contributions(labels, n);
        AccumulateStats cs, gs;
        try (CpuRenderer r = new CpuRenderer(4)) {
            cs = r.accumulate(g.scene(), g.cameras(), v -> masks[v], cpu, Progress.NONE);
        }
        long held;
        try (CudaRenderer r = (CudaRenderer) CudaRenderer.open()) {
            gs = r.accumulate(g.scene(), g.cameras(), v -> masks[v], gpu, Progress.NONE);
            // what the backend and this session hold after the pass (buffers only grow)
            held = DeviceBuffer.heldBytes();
            r.maxTableSlots = SparseTable.MIN_SLOTS; // folds to the host many times
            r.accumulate(g.scene(), g.cameras(), v -> masks[v], small, Progress.NONE);
        }
        ContributionTable c = cpu.table(), d = gpu.table(), s = small.table();
        System.out.printf(
                "many labels: %d labels, %d Gaussians, %d non-zero; GPU buffers held %.1f MiB"
                        + " (a dense table alone: %.1f MiB); GPU median view %.3f ms%n",
                labels,
                n,
                c.nonZero(),
                held / 1048576.0,
                8.0 * labels * n / 1048576.0,
                gs.medianViewMillis());
        assertThat(d.start()).containsExactly(c.start());
        assertThat(d.label()).containsExactly(c.label());
        assertThat(d.fixed()).containsExactly(c.fixed());
        assertThat(s.fixed()).containsExactly(c.fixed());
        assertThat(gs.blendedPairs()).isEqualTo(cs.blendedPairs());
        // far below labels x Gaussians x 8 bytes: the device holds entries, not a dense table
        assertThat(held).isLessThan(8L * labels * n / 4);
    }
}
