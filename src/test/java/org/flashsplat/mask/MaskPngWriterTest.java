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
        for (int i = 0; i < labels.length; i++) labels[i] = i * 1871 % 65535;
        labels[3] = 65534;
        LabelMask m = new LabelMask(w, h, labels);
        Path out = tmp.resolve("view_000.png");
        MaskPngWriter.write(out, m);
        assertThat(MaskImages.pngHeader(out).bitDepth()).isEqualTo(16);
        assertThat(Golden.samples(out)).isEqualTo(labels);
        Camera cam = Golden.camera(0, w, h);
        assertThat(MaskSet.open(tmp, List.of(cam)).load(cam).labels()).isEqualTo(labels);
    }

    @Test
    void ignoredPixelsAreWrittenAs65535InSixteenBitsAndReadBackIgnored() throws Exception {
        int w = 4, h = 2;
        int[] labels = {0, 1, 2, LabelMask.IGNORE, 3, LabelMask.IGNORE, 0, 1};
        Path out = tmp.resolve("view_000.png");
        MaskPngWriter.write(out, new LabelMask(w, h, labels));
        assertThat(MaskImages.pngHeader(out).bitDepth()).isEqualTo(16);
        int[] raw = Golden.samples(out);
        assertThat(raw[3]).isEqualTo(65535);
        assertThat(raw[5]).isEqualTo(65535);
        Camera cam = Golden.camera(0, w, h);
        MaskSet set = MaskSet.open(tmp, List.of(cam));
        assertThat(set.format()).isEqualTo(MaskFormat.INSTANCE_IDS);
        assertThat(set.load(cam).labels()).isEqualTo(labels);
        // 65535 is no label: it does not size the label count
        assertThat(set.labelCount()).isEqualTo(4);
    }

    @Test
    void bitDepthFollowsTheLargestLabel() {
        assertThat(MaskPngWriter.bitDepth(new LabelMask(2, 1, new int[] {0, 255}))).isEqualTo(8);
        assertThat(MaskPngWriter.bitDepth(new LabelMask(2, 1, new int[] {0, 256}))).isEqualTo(16);
        assertThat(MaskPngWriter.bitDepth(new LabelMask(2, 1, new int[] {0, LabelMask.IGNORE})))
                .isEqualTo(16);
        // 65535 is "ignore" in a 16-bit mask, so it is no label
        assertThatThrownBy(() -> MaskPngWriter.bitDepth(new LabelMask(1, 1, new int[] {65535})))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MaskPngWriter.bitDepth(new LabelMask(1, 1, new int[] {-2})))
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
