package org.flashsplat.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.project.ProjectData.ObjectInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectTest {
    @TempDir Path tmp;

    static ProjectData base() {
        return ProjectData.of(new ProjectData.Inputs("scene.ply", null, "masks", null))
                .withObjects(List.of(new ObjectInfo(1, "mug", null, null)));
    }

    static ProjectData renamed(ProjectData d, String name) {
        return d.withObjects(List.of(new ObjectInfo(1, name, null, null)));
    }

    @Test
    void saveAndReopenGiveTheSameState() throws Exception {
        Path dir = tmp.resolve("p");
        ProjectData d = ProjectFilesTest.sample();
        try (Project p = Project.create(dir, d)) {
            assertThat(p.isDirty()).isFalse();
            p.update(renamed(d, "cup"));
            assertThat(p.isDirty()).isTrue();
            p.save();
            assertThat(p.isDirty()).isFalse();
        }
        try (Project p = Project.open(dir, Project.Mode.READ_WRITE)) {
            assertThat(p.data()).isEqualTo(renamed(d, "cup"));
            assertThat(p.recovery()).isEmpty();
            assertThat(p.warnings()).isEmpty();
        }
        assertThat(Files.readString(dir.resolve(ProjectLock.FILE))).isEmpty();
    }

    @Test
    void secondWriterIsRefusedNamingTheHolderAndMayOpenReadOnly() throws Exception {
        Path dir = tmp.resolve("p");
        try (Project p = Project.create(dir, base())) {
            assertThatThrownBy(() -> Project.open(dir, Project.Mode.READ_WRITE))
                    .isInstanceOf(ProjectLock.LockedException.class)
                    .hasMessageContaining("process " + ProcessHandle.current().pid())
                    .hasMessageContaining("read-only");
            try (Project ro = Project.open(dir, Project.Mode.READ_ONLY)) {
                assertThat(ro.isReadOnly()).isTrue();
                assertThat(ro.data()).isEqualTo(base());
                ro.update(renamed(base(), "x"));
                assertThatThrownBy(ro::save)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("read-only")
                        .hasMessageContaining("held by process");
            }
            assertThat(p.data()).isEqualTo(base());
        }
        Project.open(dir, Project.Mode.READ_WRITE).close(); // released on close
    }

    @Test
    void staleLockOfADeadProcessIsTakenOver() throws Exception {
        Path dir = tmp.resolve("p");
        Project.create(dir, base()).close();
        Files.writeString(
                dir.resolve(ProjectLock.FILE),
                "pid=999999999\nhost=gone\nsince=2020-01-01T00:00:00Z\n");
        try (Project p = Project.open(dir, Project.Mode.READ_WRITE)) {
            assertThat(p.warnings()).anyMatch(w -> w.contains("process 999999999 on gone"));
            assertThat(Files.readString(dir.resolve(ProjectLock.FILE)))
                    .contains("pid=" + ProcessHandle.current().pid());
        }
    }

    @Test
    void unsavedEditsAreOfferedBackAfterReopening() throws Exception {
        Path dir = tmp.resolve("p");
        try (Project p = Project.create(dir, base())) {
            p.update(renamed(base(), "edited"));
            // closed without saving: close() flushes the pending autosave
        }
        Thread.sleep(20);
        try (Project p = Project.open(dir, Project.Mode.READ_WRITE)) {
            assertThat(p.data()).isEqualTo(base());
            var r = p.recovery();
            assertThat(r).isPresent();
            assertThat(r.get().data()).isEqualTo(renamed(base(), "edited"));
            p.recover(r.get());
            assertThat(p.isDirty()).isTrue();
            p.save();
            assertThat(Files.exists(dir.resolve(Project.AUTOSAVE))).isFalse();
        }
        try (Project p = Project.open(dir, Project.Mode.READ_WRITE)) {
            assertThat(p.data()).isEqualTo(renamed(base(), "edited"));
            assertThat(p.recovery()).isEmpty();
        }
    }

    @Test
    void autosaveIsWrittenInTheBackgroundAndDroppedBySave() throws Exception {
        Path dir = tmp.resolve("p");
        try (Project p = Project.create(dir, base())) {
            p.update(renamed(base(), "a"));
            assertThat(p.autosaver().isPending()).isTrue();
            p.autosaver().flush();
            assertThat(
                            ProjectFiles.read(
                                    dir.resolve(Project.AUTOSAVE), new java.util.ArrayList<>()))
                    .isEqualTo(renamed(base(), "a"));
            p.save();
            assertThat(p.autosaver().isPending()).isFalse();
            assertThat(Files.exists(dir.resolve(Project.AUTOSAVE))).isFalse();
        }
    }

    @Test
    void autosaverDebouncesAndHasAMaximumWait() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        try (Autosaver a =
                new Autosaver(
                        runs::incrementAndGet, Duration.ofMillis(150), Duration.ofMillis(600))) {
            for (int i = 0; i < 10; i++) {
                a.changed();
                Thread.sleep(5);
            }
            Thread.sleep(700);
            assertThat(runs.get()).isEqualTo(1);
            // Edits that never pause still save once maxWait has passed.
            long end = System.nanoTime() + 1_500_000_000L;
            while (System.nanoTime() < end) {
                a.changed();
                Thread.sleep(30);
            }
            assertThat(runs.get()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void editedMasksLiveInTheProjectAndSavedStateKeepsItsOwnVersion() throws Exception {
        Path dir = tmp.resolve("p");
        LabelMask one = new LabelMask(4, 3, new int[] {0, 1, 1, 0, 2, 2, 0, 0, 300, 0, 0, 1});
        LabelMask two = new LabelMask(4, 3, new int[] {1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 7});
        String firstFile;
        try (Project p = Project.create(dir, base())) {
            p.putEditedMask("view/../000", one);
            firstFile = p.data().editedMasks().get("view/../000");
            assertThat(firstFile).startsWith("edited_masks/view_.._000.").endsWith(".png");
            assertThat(p.editedMask("view/../000", 4, 3).labels()).containsExactly(one.labels());
            p.save();
            p.putEditedMask("view/../000", two);
            assertThat(p.editedMask("view/../000", 4, 3).labels()).containsExactly(two.labels());
            assertThatThrownBy(() -> p.editedMask("view/../000", 5, 3))
                    .hasMessageContaining("4x3, the camera 5x3");
            p.discardAutosave();
        }
        // Closed without saving the second edit: the saved project still has the first mask.
        try (Project p = Project.open(dir, Project.Mode.READ_WRITE)) {
            assertThat(p.data().editedMasks().get("view/../000")).isEqualTo(firstFile);
            assertThat(p.editedMask("view/../000", 4, 3).labels()).containsExactly(one.labels());
            p.recovery().ifPresent(p::recover);
            assertThat(p.editedMask("view/../000", 4, 3).labels()).containsExactly(two.labels());
            p.save();
            try (Stream<Path> files = Files.list(dir.resolve(EditedMasks.FOLDER))) {
                assertThat(files).hasSize(1); // the unused first version is gone
            }
        }
    }

    @Test
    void editedMaskPathsOutsideTheProjectAreRefused() throws Exception {
        Path dir = tmp.resolve("p");
        try (Project p =
                Project.create(
                        dir, base().withEditedMasks(java.util.Map.of("v", "../../etc/passwd")))) {
            assertThatThrownBy(() -> p.editedMask("v", 1, 1)).hasMessageContaining("refused");
        }
    }
}
