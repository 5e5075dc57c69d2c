package org.flashsplat.fuzz;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.flashsplat.camera.ColmapBinaryWriter;
import org.flashsplat.project.Project;
import org.flashsplat.project.ProjectData;
import org.flashsplat.scene.PlyHeader;
import org.flashsplat.scene.PlyReader;
import org.flashsplat.scene.PlyWriter;
import org.flashsplat.scene.VertexTable;

/**
 * Small valid inputs of every kind the fuzz test breaks, made once from the golden tabletop: each
 * is under 1 MB, so any allocation over the bound comes from what a file declares.
 */
final class BaseInputs {
    static final Path GOLDEN = Path.of("src/test/resources/golden/tabletop");

    final Path dir;

    BaseInputs(Path dir) throws IOException {
        this.dir = dir;
        VertexTable all = PlyReader.read(GOLDEN.resolve("point_cloud.ply"));
        int[] rows = new int[all.count() / 30];
        for (int i = 0; i < rows.length; i++) rows[i] = i * 30;
        VertexTable small = all.select(rows, rows.length);
        PlyWriter.write(ply(), small, PlyHeader.Format.BINARY_LITTLE_ENDIAN);
        PlyWriter.write(
                asciiPly(),
                small.select(java.util.stream.IntStream.range(0, 40).toArray(), 40),
                PlyHeader.Format.ASCII);
        Files.copy(GOLDEN.resolve("cameras.json"), cameras());
        copyTree(GOLDEN.resolve("sparse/0"), colmapText());
        ColmapBinaryWriter.convert(GOLDEN.resolve("sparse/0"), colmapBinary(), 3);
        copyTree(GOLDEN.resolve("masks"), masks());
        copyTree(GOLDEN.resolve("masks_sam_rle"), samMasks());
        Files.createDirectories(jpegMasks());
        try (Stream<Path> s = Files.list(GOLDEN.resolve("masks"))) {
            for (Path f : s.sorted().toList()) {
                BufferedImage grey = ImageIO.read(f.toFile());
                BufferedImage bin =
                        new BufferedImage(
                                grey.getWidth(), grey.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
                for (int y = 0; y < grey.getHeight(); y++)
                    for (int x = 0; x < grey.getWidth(); x++)
                        bin.getRaster()
                                .setSample(
                                        x, y, 0, grey.getRaster().getSample(x, y, 0) > 0 ? 255 : 0);
                String stem = f.getFileName().toString().replace(".png", ".jpg");
                ImageIO.write(bin, "jpg", jpegMasks().resolve(stem).toFile());
            }
        }
        Files.copy(GOLDEN.resolve("contributions_reference.npy"), contributions());
        ProjectData data =
                ProjectData.of(
                        new ProjectData.Inputs(
                                ply().toAbsolutePath().toString(),
                                cameras().toAbsolutePath().toString(),
                                masks().toAbsolutePath().toString(),
                                null));
        Project.create(project(), data).close();
    }

    Path ply() {
        return dir.resolve("scene.ply");
    }

    Path asciiPly() {
        return dir.resolve("scene-ascii.ply");
    }

    Path cameras() {
        return dir.resolve("cameras.json");
    }

    Path colmapText() {
        return dir.resolve("sparse-text");
    }

    Path colmapBinary() {
        return dir.resolve("sparse-binary");
    }

    Path masks() {
        return dir.resolve("masks");
    }

    Path jpegMasks() {
        return dir.resolve("masks-jpeg");
    }

    Path samMasks() {
        return dir.resolve("masks-sam");
    }

    Path contributions() {
        return dir.resolve("contributions.npy");
    }

    Path project() {
        return dir.resolve("project");
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        }
    }
}
