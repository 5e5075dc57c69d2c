package org.flashsplat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.flashsplat.core.Npy;
import org.flashsplat.scene.PlyReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** export --clean: the object without its floaters; without --clean, with them. */
class CleanOptionTest {
    @TempDir Path tmp;

    @Test
    void exportCleanDropsAFarGaussianVotedIntoTheObject() throws Exception {
        Path golden = Path.of(CommandsTest.GOLDEN);
        int[] truth = (int[]) Npy.read(golden.resolve("labels_gt.npy")).data();
        var scene = PlyReader.readScene(golden.resolve("point_cloud.ply"));
        int n = truth.length;
        byte[] member = new byte[n]; // one object: ground-truth object 2 ...
        int inObject = 0;
        double cx = 0, cy = 0, cz = 0;
        for (int i = 0; i < n; i++)
            if (truth[i] == 2) {
                member[i] = 1;
                inObject++;
                cx += scene.x[i];
                cy += scene.y[i];
                cz += scene.z[i];
            }
        cx /= inObject;
        cy /= inObject;
        cz /= inObject;
        // ... plus the Gaussian farthest from it.
        int far = -1;
        double best = 0;
        for (int i = 0; i < n; i++) {
            double d = Math.hypot(Math.hypot(scene.x[i] - cx, scene.y[i] - cy), scene.z[i] - cz);
            if (truth[i] != 2 && d > best) {
                best = d;
                far = i;
            }
        }
        member[far] = 1;
        Path segments = tmp.resolve("segments.npy");
        Npy.writeUint8(segments, new int[] {1, n}, member);

        String[] common = {
            "export",
            "--scene",
            golden.resolve("point_cloud.ply").toString(),
            "--segments",
            segments.toString(),
            "--objects",
            "1"
        };
        assertThat(run(common, "--out", tmp.resolve("raw").toString())).isZero();
        assertThat(run(common, "--clean", "--out", tmp.resolve("clean").toString())).isZero();
        int raw = PlyReader.readScene(tmp.resolve("raw/object_1.ply")).count();
        int clean = PlyReader.readScene(tmp.resolve("clean/object_1.ply")).count();
        assertThat(raw).isEqualTo(inObject + 1);
        assertThat(clean)
                .isLessThanOrEqualTo(inObject)
                .isGreaterThanOrEqualTo((int) (0.99 * inObject));
    }

    private static int run(String[] common, String... more) {
        String[] all = new String[common.length + more.length];
        System.arraycopy(common, 0, all, 0, common.length);
        System.arraycopy(more, 0, all, common.length, more.length);
        return CommandsTest.run(all);
    }
}
