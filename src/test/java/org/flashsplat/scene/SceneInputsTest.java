package org.flashsplat.scene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flashsplat.camera.CameraReader;
import org.flashsplat.core.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SceneInputsTest {
    static final Path TABLETOP = Path.of("src/test/resources/golden/tabletop");

    @TempDir Path tmp;

    private Path modelFolder() throws IOException {
        Path model = tmp.resolve("model");
        VertexTable all = PlyReader.read(TABLETOP.resolve("point_cloud.ply"));
        int size = 10;
        for (String it : new String[] {"iteration_7000", "iteration_30000", "iteration_900"}) {
            Path d = Files.createDirectories(model.resolve("point_cloud").resolve(it));
            // A different Gaussian count per iteration shows which file was taken.
            int[] rows = java.util.stream.IntStream.range(0, size++).toArray();
            var bytes = new java.io.ByteArrayOutputStream();
            PlyWriter.write(
                    bytes, all.select(rows, rows.length), PlyHeader.Format.BINARY_LITTLE_ENDIAN);
            Files.write(d.resolve("point_cloud.ply"), bytes.toByteArray());
        }
        // A later iteration without its PLY (training interrupted) is not taken.
        Files.createDirectories(model.resolve("point_cloud/iteration_40000"));
        Files.copy(TABLETOP.resolve("cameras.json"), model.resolve("cameras.json"));
        return model;
    }

    @Test
    void modelFolderGivesLargestIterationAndItsCameras() throws IOException {
        Path model = modelFolder();
        SceneInputs in = SceneInputs.resolve(model, null);
        assertThat(in.ply())
                .isEqualTo(model.resolve("point_cloud/iteration_30000/point_cloud.ply"));
        assertThat(in.cameras()).isEqualTo(model.resolve("cameras.json"));
        assertThat(in.loadScene().count()).isEqualTo(11);
        assertThat(in.loadCameras().size()).isEqualTo(6);
        // The PLY inside the model folder also finds the model's cameras.json.
        assertThat(SceneInputs.defaultCameras(in.ply()))
                .isEqualTo(model.resolve("cameras.json").toAbsolutePath());
    }

    @Test
    void camerasOptionAcceptsJsonSparseAndDatasetFolders() throws IOException {
        Path dataset = tmp.resolve("dataset");
        Path sparse0 = Files.createDirectories(dataset.resolve("sparse/0"));
        for (String f : new String[] {"cameras.txt", "images.txt"}) {
            Files.copy(TABLETOP.resolve("sparse/0").resolve(f), sparse0.resolve(f));
        }
        Path ply = TABLETOP.resolve("point_cloud.ply");
        assertThat(SceneInputs.resolve(ply, dataset).cameras()).isEqualTo(sparse0);
        assertThat(SceneInputs.resolve(ply, sparse0).cameras()).isEqualTo(sparse0);
        assertThat(SceneInputs.resolve(ply, sparse0.resolve("images.txt")).cameras())
                .isEqualTo(sparse0.toAbsolutePath());
        assertThat(SceneInputs.resolve(ply, TABLETOP.resolve("cameras.json")).cameras())
                .isEqualTo(TABLETOP.resolve("cameras.json"));
        assertThat(CameraReader.read(dataset).size()).isEqualTo(6);
        // The tabletop folder has both: the COLMAP model wins over cameras.json.
        assertThat(CameraReader.locate(TABLETOP)).isEqualTo(TABLETOP.resolve("sparse/0"));
    }

    @Test
    void nothingFoundSaysWhatWasLookedFor() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> SceneInputs.findPly(empty))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("point_cloud/iteration_<n>/point_cloud.ply");
        assertThatThrownBy(() -> CameraReader.locate(empty))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("cameras.json")
                .hasMessageContaining("sparse/0/");
        assertThatThrownBy(() -> SceneInputs.findPly(tmp.resolve("missing")))
                .hasMessageContaining("no such file or folder");
        Files.createDirectories(empty.resolve("point_cloud/iteration_10"));
        assertThatThrownBy(() -> SceneInputs.findPly(empty))
                .hasMessageContaining("no iteration_<n>/point_cloud.ply");
        Path lonePly = tmp.resolve("lone.ply");
        Files.copy(TABLETOP.resolve("point_cloud.ply"), lonePly);
        SceneInputs noCams = SceneInputs.resolve(lonePly, null);
        assertThat(noCams.cameras()).isNull();
        assertThatThrownBy(noCams::loadCameras).hasMessageContaining("--cameras");
    }
}
