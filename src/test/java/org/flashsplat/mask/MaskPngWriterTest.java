package org.flashsplat.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flashsplat.camera.Camera;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaskPngWriterTest {
    @TempDir Path tmp;

    @Test
    void goldenMasksRewriteAsEightBitAndReadBackWithImageIo() throws Exception {
        List<Camera> cams = Golden.cameras();
        MaskSet set = MaskSet.open(Golden.dir("masks"), cams);
        for (int v = 0; v < Golden.VIEWS; v++) {
            LabelMask m = set.load(cams.get(v));
            Path out = tmp.resolve(Golden.view(v) + ".png");
            MaskPngWriter.write(out, m);
            assertThat(MaskImages.pngHeader(out).bitDepth()).isEqualTo(8);
            assertThat(Golden.samples(out)).isEqualTo(Golden.samples("masks", v));
        }
        MaskSet again = MaskSet.open(tmp, cams);
        assertThat(again.format()).isEqualTo(MaskFormat.INSTANCE_IDS);
        assertThat(again.load(cams.get(2)).labels()).isEqualTo(Golden.samples("masks", 2));
    }

    @Test
    void labelsFrom256OnAreWrittenInSixteenBits() throws Exception {
        int w = 7, h = 5;
        int[] labels = new int[w * h];
        for (int i = 0; i < labels.length; i++) labels[i] = i * 1871 % 65536;
        labels[3] = 65535;
        LabelMask m = new LabelMask(w, h, labels);
        Path out = tmp.resolve("view_000.png");
        MaskPngWriter.write(out, m);
        assertThat(MaskImages.pngHeader(out).bitDepth()).isEqualTo(16);
        assertThat(Golden.samples(out)).isEqualTo(labels);
        Camera cam = Golden.camera(0, w, h);
        assertThat(MaskSet.open(tmp, List.of(cam)).load(cam).labels()).isEqualTo(labels);
    }

    @Test
    void bitDepthFollowsTheLargestLabel() {
        assertThat(MaskPngWriter.bitDepth(new LabelMask(2, 1, new int[] {0, 255}))).isEqualTo(8);
        assertThat(MaskPngWriter.bitDepth(new LabelMask(2, 1, new int[] {0, 256}))).isEqualTo(16);
        assertThatThrownBy(() -> MaskPngWriter.bitDepth(new LabelMask(1, 1, new int[] {65536})))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sameMaskGivesTheSameBytes() throws Exception {
        LabelMask m = new LabelMask(3, 2, new int[] {0, 1, 2, 3, 4, 5});
        ByteArrayOutputStream a = new ByteArrayOutputStream(), b = new ByteArrayOutputStream();
        MaskPngWriter.write(a, m);
        MaskPngWriter.write(b, m);
        assertThat(a.toByteArray()).isEqualTo(b.toByteArray());
        Path out = tmp.resolve("x.png");
        MaskPngWriter.write(out, m);
        assertThat(Files.readAllBytes(out)).isEqualTo(a.toByteArray());
    }
}
