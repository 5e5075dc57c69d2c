package org.flashsplat.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.flashsplat.camera.Camera;
import org.flashsplat.camera.CameraReader;
import org.flashsplat.camera.CamerasJsonWriter;
import org.flashsplat.project.ProjectData;
import org.flashsplat.project.ProjectData.ObjectInfo;
import org.flashsplat.project.Samples;

/**
 * A small project over the bundled sample, kept cheap for tests: its first {@code views} cameras, a
 * copy of its masks inside the project (so tests may change them), four named objects.
 */
final class SampleProject {
    private SampleProject() {}

    static final List<ObjectInfo> OBJECTS =
            List.of(
                    new ObjectInfo(1, "red mug", "#e6194b", null),
                    new ObjectInfo(2, "../../escape", "#3cb44b", 0.2),
                    new ObjectInfo(3, "box", "#ffe119", null),
                    new ObjectInfo(4, "ball", "#4363d8", null));

    static ProjectData make(Path dir, int views) throws IOException {
        Path sample = Samples.locate();
        List<Camera> all = CameraReader.read(sample.resolve("cameras.json")).cameras();
        CamerasJsonWriter.write(dir.resolve("inputs/cameras.json"), all.subList(0, views));
        Path masks = Files.createDirectories(dir.resolve("inputs/masks"));
        try (Stream<Path> files = Files.list(sample.resolve("masks"))) {
            for (Path f : files.toList()) Files.copy(f, masks.resolve(f.getFileName()));
        }
        return ProjectData.of(
                        new ProjectData.Inputs(
                                sample.resolve("point_cloud.ply").toString(),
                                "inputs/cameras.json",
                                "inputs/masks",
                                sample.resolve("images").toString()))
                .withObjects(OBJECTS);
    }

    /** Cameras of the sample after the first {@code views}: a novel camera path. */
    static Path cameraPath(Path file, int views) throws IOException {
        List<Camera> all = CameraReader.read(Samples.locate().resolve("cameras.json")).cameras();
        CamerasJsonWriter.write(file, all.subList(views, Math.min(all.size(), views + 2)));
        return file;
    }
}
