package org.flashsplat.mask;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flashsplat.camera.Camera;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamJsonTest {
    @TempDir Path tmp;

    private static String entry(boolean[] m, int h, int w) {
        return "{\"segmentation\": {\"size\": ["
                + h
                + ", "
                + w
                + "], \"counts\": \""
                + Rle.encode(m, h, w)
                + "\"}, \"area\": 0}";
    }

    private static boolean[] rect(int h, int w, int u0, int v0, int u1, int v1) {
        boolean[] m = new boolean[h * w];
        for (int v = v0; v < v1; v++) for (int u = u0; u < u1; u++) m[v * w + u] = true;
        return m;
    }

    /** A part listed before its whole stays visible: larger areas are painted first. */
    @Test
    void smallerMasksArePaintedOverLargerOnesAndIdsFollowFileOrder() throws Exception {
        int h = 6, w = 8;
        boolean[] small = rect(h, w, 2, 2, 4, 4), big = rect(h, w, 1, 1, 7, 5);
        boolean[] other = rect(h, w, 0, 5, 2, 6); // disjoint
        Files.writeString(
                tmp.resolve("a.json"),
                "["
                        + entry(small, h, w)
                        + ", "
                        + entry(big, h, w)
                        + ", "
                        + entry(other, h, w)
                        + "]");
        Camera cam = Golden.camera(0, w, h);
        cam = Camera.centred(0, "a", w, h, 1, 1, cam.rotation(), cam.translation());
        LabelMask m = MaskSet.open(tmp, List.of(cam)).load(cam);
        for (int p = 0; p < h * w; p++) {
            int expected = small[p] ? 1 : big[p] ? 2 : other[p] ? 3 : 0;
            assertThat(m.labels()[p]).as("pixel %d", p).isEqualTo(expected);
        }
    }

    @Test
    void anEmptyListIsAnEmptyMaskAndUncompressedRunsAreRead() throws Exception {
        Files.writeString(tmp.resolve("view_000.json"), "[]");
        Files.writeString(
                tmp.resolve("view_001.json"),
                "[{\"segmentation\": {\"size\": [120, 160], \"counts\": [19000, 200]}}]");
        List<Camera> cams = List.of(Golden.camera(0, 160, 120), Golden.camera(1, 160, 120));
        MaskSet set = MaskSet.open(tmp, cams);
        assertThat(set.load(cams.get(0)).maxLabel()).isZero();
        assertThat(set.load(cams.get(0)).width()).isEqualTo(160);
        int[] l = set.load(cams.get(1)).labels();
        // The last 200 pixels in column-major order: the last column (120) and 80 of the one
        // before.
        assertThat(l[119 * 160 + 159]).isEqualTo(1);
        assertThat(l[40 * 160 + 158]).isEqualTo(1);
        assertThat(l[39 * 160 + 158]).isZero();
        assertThat(set.labelCount()).isEqualTo(2);
    }
}
