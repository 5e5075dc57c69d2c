package org.flashsplat.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.flashsplat.cli.Main;
import org.flashsplat.project.Project;
import org.flashsplat.project.ProjectData;
import org.flashsplat.project.ProjectLock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project folder made hostile with symbolic links out of it, and exports that fail half way:
 * nothing outside the project or the output folder is read, written or deleted, and a failed run
 * leaves its output folder as it was.
 */
class HostileProjectTest {
    static final int VIEWS = 2;

    @TempDir static Path shared;
    static Path template;
    @TempDir Path tmp;
    Path project, outside;

    record Run(int status, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int status = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(status, out.toString(), err.toString());
    }

    @BeforeAll
    static void makeTemplate() throws IOException {
        template = shared.resolve("template");
        Project.create(template, SampleProject.make(template, VIEWS)).close();
    }

    @BeforeEach
    void copyProject() throws IOException {
        project = tmp.resolve("project");
        outside = Files.createDirectories(tmp.resolve("outside"));
        try (Stream<Path> all = Files.walk(template)) {
            for (Path p : all.toList()) {
                Path to = project.resolve(template.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(to);
                else Files.copy(p, to);
            }
        }
    }

    /** Every file under a folder with its bytes, to show nothing there changed. */
    static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> m = new TreeMap<>();
        if (!Files.exists(dir)) return m;
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                String key = dir.relativize(p).toString();
                m.put(key, Files.isDirectory(p) ? "/" : new String(Files.readAllBytes(p)));
            }
        }
        return m;
    }

    static void assertOneLine(Run r, String... contains) {
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").doesNotContain("\tat ").contains(contains);
    }

    @Test
    void lockFileLinkedOutsideIsRefusedAndItsTargetIsNotTouched() throws IOException {
        Path precious = Files.writeString(outside.resolve("precious.txt"), "keep me\n");
        Path lock = project.resolve(ProjectLock.FILE);
        Files.deleteIfExists(lock);
        Files.createSymbolicLink(lock, precious);
        Run r =
                run(
                        "export-all",
                        "--project",
                        project.toString(),
                        "--out",
                        tmp.resolve("o").toString());
        assertOneLine(r, ProjectLock.FILE, "link");
        assertThat(Files.readString(precious)).isEqualTo("keep me\n");

        // A dangling link would create its target when opened for writing.
        Files.delete(lock);
        Path ghost = outside.resolve("ghost.txt");
        Files.createSymbolicLink(lock, ghost);
        assertOneLine(
                run(
                        "export-all",
                        "--project",
                        project.toString(),
                        "--out",
                        tmp.resolve("o").toString()),
                "link");
        assertThat(ghost).doesNotExist();
        assertThat(tmp.resolve("o")).doesNotExist();
    }

    @Test
    void lockFileThatIsAFolderIsOneLineNotACrash() throws IOException {
        Files.deleteIfExists(project.resolve(ProjectLock.FILE));
        Files.createDirectory(project.resolve(ProjectLock.FILE));
        assertOneLine(
                run(
                        "export-all",
                        "--project",
                        project.toString(),
                        "--out",
                        tmp.resolve("o").toString()),
                ProjectLock.FILE);
    }

    @Test
    void cacheLinkedOutsideIsNeitherWrittenNorCleaned() throws IOException {
        Files.writeString(outside.resolve("contributions-0123.npy"), "someone else's");
        Files.writeString(outside.resolve(".notes.txt.abc123.tmp"), "someone else's");
        Files.createSymbolicLink(project.resolve("cache"), outside);
        Map<String, String> before = snapshot(outside);
        Run r =
                run(
                        "export-all",
                        "--project",
                        project.toString(),
                        "--out",
                        tmp.resolve("o").toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(snapshot(outside)).isEqualTo(before);
        assertThat(tmp.resolve("o/export.json")).exists();
    }

    @Test
    void editedMasksLinkedOutsideAreNotDeletedOnSaveNorRead() throws IOException {
        Files.writeString(outside.resolve("holiday.png"), "not ours");
        Files.writeString(outside.resolve("view_000.0123456789ab.png"), "not ours");
        Files.createSymbolicLink(project.resolve("edited_masks"), outside);
        Map<String, String> before = snapshot(outside);
        try (Project p = Project.open(project, Project.Mode.READ_WRITE)) {
            p.save();
        }
        assertThat(snapshot(outside)).isEqualTo(before);

        // A project naming an edited mask behind the link: refused, with the link named.
        Path file = project.resolve(Project.FILE);
        List<String> warnings = new ArrayList<>();
        ProjectData d =
                org.flashsplat.project.ProjectFiles.read(file, warnings)
                        .withEditedMasks(
                                Map.of("view_000", "edited_masks/view_000.0123456789ab.png"));
        org.flashsplat.project.ProjectFiles.write(file, d);
        Run r =
                run(
                        "export-all",
                        "--project",
                        project.toString(),
                        "--out",
                        tmp.resolve("o").toString());
        assertOneLine(r, "edited_masks", "link");
        assertThat(tmp.resolve("o")).doesNotExist();
    }

    @Test
    void relativeOutFolderAsTheReadmeWritesIt() throws IOException {
        Path parent = Files.createTempDirectory(Path.of("target"), "hostile-relative-");
        Path rel = Path.of("target", parent.getFileName().toString(), "out");
        try {
            Run r = run("export-all", "--project", project.toString(), "--out", rel.toString());
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(rel.resolve("export.json")).exists();
            assertThat(rel.resolve("objects")).isDirectory();
        } finally {
            try (Stream<Path> all = Files.walk(parent)) {
                for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Test
    void failedExportsLeaveTheOutputFolderAsItWas() throws IOException {
        Path out = tmp.resolve("o");
        // Unknown object: refused before anything is written, no folder made.
        assertOneLine(
                run(
                        "export-all",
                        "--project",
                        project.toString(),
                        "--out",
                        out.toString(),
                        "--remove",
                        "99"),
                "--remove",
                "99");
        assertThat(out).doesNotExist();

        // A good export, then failing ones into the same folder: it stays exactly as it was.
        Run ok = run("export-all", "--project", project.toString(), "--out", out.toString());
        assertThat(ok.status()).as(ok.err()).isZero();
        Map<String, String> before = snapshot(out);
        assertOneLine(
                run(
                        "export-all",
                        "--project",
                        project.toString(),
                        "--out",
                        out.toString(),
                        "--remove",
                        "99"),
                "--remove");
        Path badPath = Files.writeString(tmp.resolve("path.json"), "[{\"img_name\": 5}]");
        assertOneLine(
                run(
                        "export-all",
                        "--project",
                        project.toString(),
                        "--out",
                        out.toString(),
                        "--camera-path",
                        badPath.toString()),
                "path.json");
        assertThat(snapshot(out)).isEqualTo(before);
    }

    @Test
    void outNamingAFileSaysSo() throws IOException {
        Path file = Files.writeString(tmp.resolve("notes.txt"), "mine");
        Run r = run("export-all", "--project", project.toString(), "--out", file.toString());
        assertOneLine(r, "notes.txt", "is a file");
        assertThat(Files.readString(file)).isEqualTo("mine");
    }

    @Test
    void projectInitRefusesAMaskFolderItCannotFullyRead() throws IOException {
        Path golden = Path.of("src/test/resources/golden/tabletop");
        Path masks = Files.createDirectories(tmp.resolve("masks"));
        try (Stream<Path> s = Files.list(golden.resolve("masks"))) {
            for (Path f : s.toList()) Files.copy(f, masks.resolve(f.getFileName()));
        }
        Files.write(masks.resolve("view_003.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        Run r =
                run(
                        "project",
                        "init",
                        "--scene",
                        golden.resolve("point_cloud.ply").toString(),
                        "--cameras",
                        golden.resolve("cameras.json").toString(),
                        "--masks",
                        masks.toString(),
                        "--out",
                        tmp.resolve("p").toString());
        assertOneLine(r, "view_003.png");
        assertThat(tmp.resolve("p")).doesNotExist();
    }

    @Test
    void renderMasksRefusesATauOutsideZeroToOne() {
        Run r =
                run(
                        "render-masks",
                        "--segments",
                        "none.npy",
                        "--tau",
                        "7",
                        "--out",
                        tmp.resolve("o").toString());
        assertOneLine(r, "--tau");
        assertThat(tmp.resolve("o")).doesNotExist();
    }

    @Test
    void aDamagedCacheIsRecomputedNotAnError() throws IOException {
        Run first =
                run(
                        "export-all",
                        "--project",
                        project.toString(),
                        "--out",
                        tmp.resolve("a").toString());
        assertThat(first.status()).as(first.err()).isZero();
        Path cached;
        try (Stream<Path> s = Files.list(project.resolve("cache"))) {
            cached = s.filter(p -> p.toString().endsWith(".npz")).findFirst().orElseThrow();
        }
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (5L, 9000L), }";
        byte[] h = (header + " ".repeat(64 - (10 + header.length() + 1) % 64) + "\n").getBytes();
        byte[] file = new byte[10 + h.length];
        System.arraycopy(
                new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) h.length, 0},
                0,
                file,
                0,
                10);
        System.arraycopy(h, 0, file, 10, h.length);
        Files.write(cached, file);
        Run again =
                run(
                        "export-all",
                        "--project",
                        project.toString(),
                        "--out",
                        tmp.resolve("b").toString());
        assertThat(again.status()).as(again.err()).isZero();
        assertThat(Files.readString(tmp.resolve("b/export.json")))
                .contains("\"contributions_from_cache\" : false");
    }
}
