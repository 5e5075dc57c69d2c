package org.flashsplat.lift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.flashsplat.camera.Camera;
import org.flashsplat.camera.CameraReader;
import org.flashsplat.camera.CameraSet;
import org.flashsplat.core.InputException;
import org.flashsplat.core.Progress;
import org.flashsplat.mask.MaskSet;
import org.flashsplat.raster.Renderer;
import org.flashsplat.raster.Renderers;
import org.flashsplat.scene.GaussianScene;
import org.flashsplat.scene.PlyReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Warnings about inputs that read fine but cannot be what the user meant (issue 16). */
class SanityWarningsTest {
    static final Path GOLDEN = Path.of("src/test/resources/golden/tabletop");

    @TempDir Path tmp;

    static List<Camera> cameras() throws IOException {
        return CameraReader.read(GOLDEN.resolve("cameras.json")).cameras();
    }

    @Test
    void aFolderOfPhotosGivenAsMasksIsCalledOut() throws IOException {
        // Smooth shading with a few hundred colours: read as colour-coded masks these would be
        // hundreds of objects.
        Path photos = Files.createDirectories(tmp.resolve("images"));
        for (Camera c : cameras()) {
            BufferedImage img = new BufferedImage(160, 120, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 120; y++)
                for (int x = 0; x < 160; x++)
                    img.setRGB(x, y, (x / 2) << 16 | (60 + y / 2) << 8 | 90 + (x + y) / 8);
            ImageIO.write(img, "png", photos.resolve(c.name() + ".png").toFile());
        }
        assertThat(MaskSet.open(photos, cameras()).summary().warnings())
                .anyMatch(w -> w.contains("6 of 6 mask files look like photos"));
        for (String kind : List.of("masks", "masks_gt", "masks_sam_rle", "masks_binary")) {
            assertThat(MaskSet.open(GOLDEN.resolve(kind), cameras()).summary().warnings())
                    .as(kind)
                    .noneMatch(w -> w.contains("look like photos"));
        }
    }

    @Test
    void camerasUnderWhichTheSceneMissesTheObjectsAreWarnedAbout() throws IOException {
        GaussianScene scene = PlyReader.readScene(GOLDEN.resolve("point_cloud.ply"));
        MaskSet masks = MaskSet.open(GOLDEN.resolve("masks"), cameras());
        assertThat(coverage(scene, cameras(), masks)).isEmpty();

        // The same views looking 60 degrees to the side: the scene no longer lies where the
        // objects of the masks are, as with cameras of another scene.
        List<Camera> turned = new ArrayList<>();
        for (Camera c : cameras()) turned.add(turn(c, Math.toRadians(60)));
        assertThat(coverage(scene, turned, masks))
                .singleElement()
                .asString()
                .contains("hardly projects onto the masks' objects");
    }

    private static List<String> coverage(GaussianScene scene, List<Camera> cams, MaskSet masks) {
        MaskSet set = MaskSet.open(masks.folder(), cams);
        return CoverageCheck.check(scene, cams, v -> set.load(cams.get(v))) == null
                ? List.of()
                : List.of(CoverageCheck.check(scene, cams, v -> set.load(cams.get(v))));
    }

    /** The camera turned about its own y axis (R' = Ry R, same centre). */
    private static Camera turn(Camera c, double angle) {
        double cs = Math.cos(angle), sn = Math.sin(angle);
        double[] ry = {cs, 0, sn, 0, 1, 0, -sn, 0, cs};
        double[] r = c.rotation(), out = new double[9];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                for (int k = 0; k < 3; k++) out[i * 3 + j] += ry[i * 3 + k] * r[k * 3 + j];
        double[] p = c.position(), t = new double[3];
        for (int i = 0; i < 3; i++)
            t[i] = -(out[i * 3] * p[0] + out[i * 3 + 1] * p[1] + out[i * 3 + 2] * p[2]);
        return new Camera(
                c.id(), c.name(), c.width(), c.height(), c.fx(), c.fy(), c.cx(), c.cy(), out, t);
    }

    @Test
    void theWarningReachesTheAccumulateResultBeforeAnyoneReadsIoU() throws IOException {
        GaussianScene scene = PlyReader.readScene(GOLDEN.resolve("point_cloud.ply"));
        List<Camera> turned = new ArrayList<>();
        for (Camera c : cameras()) turned.add(turn(c, Math.toRadians(60)));
        MaskSet set = MaskSet.open(GOLDEN.resolve("masks"), turned);
        try (Renderer r = Renderers.open(Renderers.Backend.CPU, 1, Progress.NONE)) {
            AccumulateJob.Result res =
                    AccumulateJob.run(scene, turned, set, ViewSelection.all(), r, Progress.NONE);
            assertThat(res.warnings()).anyMatch(w -> w.contains("hardly projects"));
        }
    }

    @Test
    void rotationsSlightlyOffOrthonormalWarnAndBrokenOnesAreRefused() throws IOException {
        String json = Files.readString(GOLDEN.resolve("cameras.json"));
        Path mild = tmp.resolve("mild.json");
        Files.writeString(mild, json.replaceFirst("-0.012205949875601398", "-0.0132"));
        CameraSet set = CameraReader.read(mild);
        assertThat(set.warnings()).singleElement().asString().contains("not quite orthonormal");
        assertThat(CameraReader.read(GOLDEN.resolve("cameras.json")).warnings()).isEmpty();

        Path mirror = tmp.resolve("mirror.json");
        Files.writeString(mirror, json.replaceFirst("0.9999255046190362", "-0.9999255046190362"));
        assertThatThrownBy(() -> CameraReader.read(mirror))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("not a rotation");
    }
}
