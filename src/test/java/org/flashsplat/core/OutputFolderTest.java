package org.flashsplat.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFolderTest {
    @TempDir Path tmp;

    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aCommittedRunReplacesFoldersWholeSoNoOldFileStaysMixedIn() throws IOException {
        Path out = tmp.resolve("out");
        try (OutputFolder f = OutputFolder.open(out)) {
            AtomicFiles.writeString(f.staging().resolve("objects/object_1.ply"), "one");
            AtomicFiles.writeString(f.staging().resolve("objects/object_2.ply"), "two");
            AtomicFiles.writeString(f.staging().resolve("summary.json"), "{\"gamma\": 0}");
            f.commit();
        }
        try (OutputFolder f = OutputFolder.open(out)) {
            AtomicFiles.writeString(f.staging().resolve("objects/object_1.ply"), "ONE");
            AtomicFiles.writeString(f.staging().resolve("summary.json"), "{\"gamma\": 0.5}");
            f.commit();
        }
        assertThat(names(out.resolve("objects"))).containsExactly("object_1.ply");
        assertThat(Files.readString(out.resolve("objects/object_1.ply"))).isEqualTo("ONE");
        assertThat(Files.readString(out.resolve("summary.json"))).contains("0.5");
        assertThat(names(out)).containsExactly(OutputFolder.LOCK, "objects", "summary.json");
    }

    @Test
    void aRunThatFailsLeavesTheFolderAsItWasOrNoFolder() throws IOException {
        Path fresh = tmp.resolve("a/b/out");
        try (OutputFolder f = OutputFolder.open(fresh)) {
            AtomicFiles.writeString(f.staging().resolve("segments.npy"), "half");
        }
        assertThat(tmp.resolve("a")).doesNotExist();

        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(out.resolve("summary.json"), "old");
        try (OutputFolder f = OutputFolder.open(out)) {
            AtomicFiles.writeString(f.staging().resolve("summary.json"), "new");
        }
        assertThat(names(out)).containsExactly(OutputFolder.LOCK, "summary.json");
        assertThat(Files.readString(out.resolve("summary.json"))).isEqualTo("old");
    }

    @Test
    void twoRunsCannotWriteOneFolderAtOnce() throws IOException {
        Path out = tmp.resolve("out");
        try (OutputFolder first = OutputFolder.open(out)) {
            assertThatThrownBy(() -> OutputFolder.open(out))
                    .isInstanceOf(InputException.class)
                    .hasMessageContaining("another run is writing into this folder");
            first.commit();
        }
        try (OutputFolder again = OutputFolder.open(out)) {
            again.commit(); // free again once the first run is done
        }
    }

    @Test
    void temporariesOfAKilledRunAreRemovedByTheNextOneAndOtherFilesKept() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(out.resolve(".segments.npy.k3j9x2.tmp"), "killed mid-write");
        Files.createDirectories(out.resolve(".staging.7fz0q.tmp/masks"));
        Files.writeString(out.resolve(".staging.7fz0q.tmp/masks/view_000.png"), "staged");
        Files.writeString(out.resolve(".hidden-notes.tmp"), "the user's"); // not our naming
        Files.writeString(out.resolve("notes.txt"), "the user's");
        try (OutputFolder f = OutputFolder.open(out)) {
            f.commit();
        }
        assertThat(names(out))
                .containsExactlyInAnyOrder(".hidden-notes.tmp", OutputFolder.LOCK, "notes.txt");
    }

    @Test
    void anOutFolderThatIsAFileIsRefusedAndLeftAlone() throws IOException {
        Path file = Files.writeString(tmp.resolve("out"), "mine");
        assertThatThrownBy(() -> OutputFolder.open(file))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("is a file, not a folder");
        assertThat(Files.readString(file)).isEqualTo("mine");
    }
}
