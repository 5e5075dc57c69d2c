package org.flashsplat.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @Test
    void aFailedWriteKeepsTheOldFileAndLeavesNoTemporary(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("a.txt");
        AtomicFiles.writeString(f, "old");
        assertThatThrownBy(
                        () ->
                                AtomicFiles.write(
                                        f,
                                        out -> {
                                            out.write("half".getBytes());
                                            throw new IOException("disk full");
                                        }))
                .hasMessage("disk full");
        assertThat(Files.readString(f)).isEqualTo("old");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("a.txt");
        }
    }

    @Test
    void writtenFilesAreReadableByOthersLikeAnyNewFile(@TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path plain = dir.resolve("plain.txt");
        Files.writeString(plain, "x");
        Path atomic = dir.resolve("atomic.txt");
        AtomicFiles.writeString(atomic, "x");
        // Same mode as a file made the ordinary way (umask applied), not owner-only.
        assertThat(Files.getPosixFilePermissions(atomic))
                .isEqualTo(Files.getPosixFilePermissions(plain));
        assertThat(Files.getPosixFilePermissions(atomic)).contains(PosixFilePermission.OWNER_READ);
    }
}
