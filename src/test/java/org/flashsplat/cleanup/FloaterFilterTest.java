package org.flashsplat.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.flashsplat.camera.Camera;
import org.flashsplat.camera.CameraReader;
import org.flashsplat.core.Npy;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.mask.MaskSet;
import org.flashsplat.scene.GaussianScene;
import org.flashsplat.scene.PlyReader;
import org.junit.jupiter.api.Test;

class FloaterFilterTest {
    static final Path DIR = Path.of("src/test/resources/golden/tabletop");
    static final int OBJECT = 2;

    /**
     * Floaters as the lift makes them: Gaussians far from object 2 whose centres fall inside object
     * 2's masks in at least two views (so the masks vote them in), added to object 2.
     */
    @Test
    void removesInjectedFloatersAndKeepsTheObjectOnTheGoldenTabletop() throws Exception {
        GaussianScene scene = PlyReader.readScene(DIR.resolve("point_cloud.ply"));
        List<Camera> cameras = CameraReader.read(DIR.resolve("cameras.json")).cameras();
        MaskSet masks = MaskSet.open(DIR.resolve("masks"), cameras);
        List<LabelMask> labelMasks = new ArrayList<>();
        for (Camera c : cameras) labelMasks.add(masks.load(c));
        int[] truth = (int[]) Npy.read(DIR.resolve("labels_gt.npy")).data();

        List<Integer> object = new ArrayList<>();
        for (int i = 0; i < truth.length; i++) if (truth[i] == OBJECT) object.add(i);
        double[] centre = new double[3];
        for (int i : object) {
            centre[0] += scene.x[i] / object.size();
            centre[1] += scene.y[i] / object.size();
            centre[2] += scene.z[i] / object.size();
        }
        double radius = 0;
        for (int i : object) radius = Math.max(radius, distance(scene, i, centre));

        List<Integer> floaters = new ArrayList<>();
        for (int i = 0; i < truth.length && floaters.size() < 5; i++) {
            if (truth[i] == OBJECT || distance(scene, i, centre) < 2 * radius) continue;
            int views = 0;
            for (int v = 0; v < cameras.size(); v++)
                if (labelAt(cameras.get(v), labelMasks.get(v), scene, i) == OBJECT) views++;
            if (views >= 2) floaters.add(i);
        }
        assertThat(floaters)
                .as("candidate floaters on the golden tabletop")
                .hasSizeGreaterThanOrEqualTo(3);

        int[] members = new int[object.size() + floaters.size()];
        int n = 0;
        for (int i : object) members[n++] = i;
        for (int i : floaters) members[n++] = i;

        BitSet removed =
                FloaterFilter.floaters(
                        scene.x, scene.y, scene.z, members, FloaterFilter.DEFAULT_STRENGTH);

        for (int f : floaters) assertThat(removed.get(f)).as("floater %d removed", f).isTrue();
        long keptOfObject = object.stream().filter(i -> !removed.get(i)).count();
        System.out.printf(
                "cleanup golden object %d: %d floaters removed, kept %d of %d (%.2f%%)%n",
                OBJECT,
                floaters.size(),
                keptOfObject,
                object.size(),
                100.0 * keptOfObject / object.size());
        assertThat((double) keptOfObject / object.size()).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void strengthZeroRemovesNothingAndAStrayPointGoes() {
        int side = 10;
        float[] x = new float[side * side * side + 1], y = x.clone(), z = x.clone();
        int[] members = new int[x.length];
        int n = 0;
        for (int a = 0; a < side; a++)
            for (int b = 0; b < side; b++)
                for (int c = 0; c < side; c++) {
                    x[n] = a;
                    y[n] = b;
                    z[n] = c;
                    members[n] = n;
                    n++;
                }
        x[n] = 100;
        members[n] = n;
        assertThat(FloaterFilter.floaters(x, y, z, members, 0).isEmpty()).isTrue();
        BitSet removed = FloaterFilter.floaters(x, y, z, members, 0.5);
        assertThat(removed.cardinality()).isEqualTo(1);
        assertThat(removed.get(n)).isTrue();
    }

    private static double distance(GaussianScene s, int i, double[] c) {
        double dx = s.x[i] - c[0], dy = s.y[i] - c[1], dz = s.z[i] - c[2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    /** The mask label under Gaussian i's projected centre, or -1 outside the image. */
    private static int labelAt(Camera cam, LabelMask m, GaussianScene s, int i) {
        double[] r = cam.rotation(), t = cam.translation();
        double xc = r[0] * s.x[i] + r[1] * s.y[i] + r[2] * s.z[i] + t[0];
        double yc = r[3] * s.x[i] + r[4] * s.y[i] + r[5] * s.z[i] + t[1];
        double zc = r[6] * s.x[i] + r[7] * s.y[i] + r[8] * s.z[i] + t[2];
        if (zc <= 0.01) return -1;
        int u = (int) Math.floor(cam.fx() * xc / zc + cam.cx());
        int v = (int) Math.floor(cam.fy() * yc / zc + cam.cy());
        if (u < 0 || v < 0 || u >= m.width() || v >= m.height()) return -1;
        return m.get(u, v);
    }
}
