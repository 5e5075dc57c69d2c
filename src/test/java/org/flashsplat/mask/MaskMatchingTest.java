package org.flashsplat.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flashsplat.camera.Camera;
import org.flashsplat.core.InputException;
import org.flashsplat.core.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaskMatchingTest {
    private final List<Camera> cams = Golden.cameras();
    @TempDir Path tmp;

    private void copy(int view, String as) throws Exception {
        Files.copy(Golden.dir("masks").resolve(Golden.view(view) + ".png"), tmp.resolve(as));
    }

    @Test
    void viewsWithoutMasksAndMasksWithoutCamerasAreReported() throws Exception {
        for (int v = 0; v < 5; v++) copy(v, Golden.view(v) + ".png");
        copy(5, "other.png");
        Files.writeString(tmp.resolve("readme.txt"), "not a mask");
        MaskSet set = MaskSet.open(tmp, cams);
        assertThat(set.missingViews()).containsExactly("view_005");
        assertThat(set.unmatchedMasks()).containsExactly(tmp.resolve("other.png"));
        assertThat(set.load(cams.get(5))).isNull();
        List<LabelMask> all = set.loadAll(cams, Progress.NONE);
        assertThat(all.get(5)).isNull();
        assertThat(all.get(4).labels()).isEqualTo(Golden.samples("masks", 4));
        MaskSetSummary s = set.summary();
        assertThat(s.maskFiles()).isEqualTo(6);
        assertThat(s.matchedViews()).isEqualTo(5);
        assertThat(s.warnings()).anyMatch(w -> w.contains("1 file(s)"));
        assertThat(String.join("\n", s.lines()))
                .contains("form: grey instance-ID PNG", "labels: 5 (values seen: 0-4)")
                .contains(
                        "views without a mask (skipped): view_005",
                        "masks without a camera: other.png");
    }

    @Test
    void anImageExtensionKeptInTheStemIsTolerated() throws Exception {
        copy(0, "view_000.JPG.png");
        copy(1, "IMG_1.png");
        Camera img1 = Golden.camera(1, Golden.W, Golden.H);
        img1 =
                Camera.centred(
                        1,
                        "IMG_1.JPG",
                        Golden.W,
                        Golden.H,
                        1,
                        1,
                        img1.rotation(),
                        img1.translation());
        MaskSet set = MaskSet.open(tmp, List.of(cams.get(0), img1));
        assertThat(set.missingViews()).isEmpty();
        assertThat(set.load(cams.get(0)).labels()).isEqualTo(Golden.samples("masks", 0));
        assertThat(set.load(img1).labels()).isEqualTo(Golden.samples("masks", 1));
    }

    @Test
    void anExactStemWinsOverATolerantOne() throws Exception {
        copy(0, "view_000.png");
        copy(1, "view_000.jpg.png");
        MaskSet set = MaskSet.open(tmp, cams);
        assertThat(set.maskFile(cams.get(0))).isEqualTo(tmp.resolve("view_000.png"));
        assertThat(set.unmatchedMasks()).containsExactly(tmp.resolve("view_000.jpg.png"));
    }

    @Test
    void twoMasksForOneCameraAreRefused() throws Exception {
        copy(0, "view_000.JPG.png");
        copy(1, "view_000.jpeg.png");
        assertThatThrownBy(() -> MaskSet.open(tmp, cams))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("two masks for camera view_000");
    }
}
