package org.flashsplat.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contributions cache key: the backend that computed them is part of it. */
class InputFingerprintTest {
    @TempDir Path dir;

    private String key(String backend) throws Exception {
        Path scene = dir.resolve("scene.ply"), cameras = dir.resolve("cameras.json");
        Path masks = Files.createDirectories(dir.resolve("masks"));
        Files.writeString(scene, "ply\n");
        Files.writeString(cameras, "[]");
        Files.writeString(masks.resolve("a.png"), "png");
        return InputFingerprint.of(
                scene,
                cameras,
                masks,
                dir,
                ProjectData.of(new ProjectData.Inputs(null, null, null, null)),
                backend);
    }

    @Test
    void sameInputsAndBackendGiveTheSameKey() throws Exception {
        assertThat(key("cpu")).isEqualTo(key("cpu"));
        assertThat(key("cuda")).isEqualTo(key("cuda"));
    }

    @Test
    void contributionsOfAnotherBackendAreNotReused() throws Exception {
        assertThat(key("cpu")).isNotEqualTo(key("cuda"));
    }
}
