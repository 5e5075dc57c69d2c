package org.flashsplat.studio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flashsplat.camera.Camera;
import org.flashsplat.raster.Renderer;
import org.flashsplat.raster.Renderers;
import org.flashsplat.scene.GaussianScene;
import org.flashsplat.studio.io.ProjectLoader;
import org.flashsplat.studio.model.OrbitCamera;
import org.flashsplat.studio.model.PreviewRenderer;
import org.junit.jupiter.api.Test;

/**
 * Measures the preview on the 45,624-Gaussian donut at 640x480 (the issue's >= 5 fps target) and
 * logs it; the figure goes to docs/PERFORMANCE.md. Asserts only that it renders, since CI machines
 * differ.
 */
class PreviewBenchmarkTest {
    @Test
    void donutAt640x480() throws Exception {
        GaussianScene scene =
                ProjectLoader.readScene(Path.of("src/test/resources/donut/point_cloud.ply"));
        double[] b = scene.bounds();
        double[] centre = {(b[0] + b[3]) / 2, (b[1] + b[4]) / 2, (b[2] + b[5]) / 2};
        double radius = Math.max(b[3] - b[0], Math.max(b[4] - b[1], b[5] - b[2]));
        OrbitCamera orbit =
                new OrbitCamera(
                        centre, 1.6 * radius, 0.3, 0.5, new double[] {0, 0, 1}, Math.toRadians(50));
        try (Renderer r =
                Renderers.open(Renderers.Backend.CPU, org.flashsplat.core.Progress.NONE)) {
            List<Double> ms = new ArrayList<>();
            int frames = 12;
            for (int f = 0; f < frames; f++) {
                Camera cam = orbit.orbit(0.05 * f, 0).camera(640, 480);
                long t0 = System.nanoTime();
                PreviewRenderer.Request req =
                        new PreviewRenderer.Request(scene, cam, null, false, new float[3]);
                int[] px = PreviewRenderer.renderOnce(r, req).argb();
                ms.add((System.nanoTime() - t0) / 1e6);
                assertThat(px).hasSize(640 * 480);
            }
            List<Double> warm = ms.subList(2, frames);
            double mean = warm.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double sorted[] = warm.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf(
                    "preview benchmark: donut %d Gaussians 640x480 %s: mean %.1f ms (%.1f fps), median %.1f ms%n",
                    scene.count(), r.description(), mean, 1000 / mean, sorted[sorted.length / 2]);
        }
    }
}
