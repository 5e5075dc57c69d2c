package org.flashsplat.raster.cuda;

import org.flashsplat.raster.Dense;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flashsplat.camera.Camera;
import org.flashsplat.core.Progress;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.raster.Contributions;
import org.flashsplat.raster.Frame;
import org.flashsplat.raster.RenderRequest;
import org.flashsplat.raster.cpu.CpuRenderer;
import org.flashsplat.scene.GaussianScene;
import org.flashsplat.scene.PlyReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A real trained scene (the Mip-Splatting donut, read with the project's PLY reader): CPU and GPU
 * agree on its distribution of tiny, nearly opaque Gaussians; bad labels fail like on the CPU.
 */
@Tag("gpu")
class DonutGpuTest {
    static List<Camera> orbit(int views) {
        List<Camera> out = new ArrayList<>();
        for (int v = 0; v < views; v++) {
            double a = 2 * Math.PI * v / views;
            double[] eye = {0.35 * Math.cos(a), 0.35 * Math.sin(a), 0.2}; // z is up in this scene
            out.add(
                    Camera.lookAt(
                            v, "d" + v, 320, 240, 300, eye, new double[3], new double[] {0, 0, 1}));
        }
        return out;
    }

    @Test
    void realSceneAgreesWithCpu() throws Exception {
        GaussianScene s = PlyReader.readScene(Path.of("src/test/resources/donut/point_cloud.ply"));
        List<Camera> cams = orbit(8);
        LabelMask[] masks = new LabelMask[cams.size()];
        for (int v = 0; v < masks.length; v++) {
            int[] l = new int[320 * 240];
            for (int q = 0; q < l.length; q++) l[q] = (q % 320) < 160 ? 1 : (q / 320 < 120 ? 2 : 0);
            masks[v] = new LabelMask(320, 240, l);
        }
        Contributions cpu = new Contributions(3, s.count()), gpu = new Contributions(3, s.count());
        Frame fc, fg;
        try (CpuRenderer r = new CpuRenderer(2)) {
            r.accumulate(s, cams, v -> masks[v], cpu, Progress.NONE);
            fc = r.render(s, cams.get(3), RenderRequest.colourOnly());
        }
        try (CudaRenderer r = (CudaRenderer) CudaRenderer.open()) {
            r.accumulate(s, cams, v -> masks[v], gpu, Progress.NONE);
            fg = r.render(s, cams.get(3), RenderRequest.colourOnly());
            LabelMask bad = new LabelMask(320, 240, new int[320 * 240]);
            bad.labels()[320 * 5 + 7] = 3;
            assertThatThrownBy(
                            () ->
                                    r.accumulate(
                                            s,
                                            cams.subList(0, 1),
                                            v -> bad,
                                            new Contributions(3, s.count()),
                                            Progress.NONE))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("label 3 at pixel 7,5");
        }
        assertThat(cpu.total(0) + cpu.total(1)).isPositive();
        assertThat(Tabletop.relL1(Dense.floats(gpu), Dense.floats(cpu))).isLessThan(1e-5);
        double diff = 0, sum = 0;
        for (int k = 0; k < fc.rgb().length; k++) {
            diff += Math.abs(fg.rgb()[k] - fc.rgb()[k]);
            sum += Math.abs(fc.rgb()[k]);
        }
        assertThat(diff / sum).isLessThan(1e-5);
    }
}
