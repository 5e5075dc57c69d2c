package org.flashsplat.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flashsplat.core.InputException;
import org.flashsplat.lift.Normalisation;
import org.flashsplat.project.ProjectData.Association;
import org.flashsplat.project.ProjectData.ObjectInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectFilesTest {
    static final Path V1 = Path.of("src/test/resources/project/v1/project.json");

    @TempDir Path tmp;

    static ProjectData sample() {
        return ProjectData.of(
                        new ProjectData.Inputs(
                                "scene/point_cloud.ply", "/abs/cameras.json", "masks", null))
                .withSettings(new ProjectData.Settings(-0.125, Normalisation.L2, 0.37))
                .withObjects(
                        List.of(
                                new ObjectInfo(1, "mug \"blue\" ü", "#0a0B0c", 0.1 + 0.2),
                                new ObjectInfo(7, "chair", null, null)))
                .withAssociation(
                        new Association(
                                List.of(
                                        new Association.Entry("view_000", 3, 1),
                                        new Association.Entry("view_001", 0, 7))))
                .withEditedMasks(Map.of("view_000", "edited_masks/view_000.abc.png"));
    }

    @Test
    void roundTripIsExactInValuesAndBytes() throws Exception {
        ProjectData d = sample();
        Path f = tmp.resolve("project.json");
        ProjectFiles.write(f, d);
        List<String> warnings = new ArrayList<>();
        ProjectData back = ProjectFiles.read(f, warnings);
        assertThat(back).isEqualTo(d);
        assertThat(back.settings().gamma()).isEqualTo(-0.125);
        assertThat(back.object(1).gamma()).isEqualTo(0.1 + 0.2); // doubles exact, not rounded
        assertThat(warnings).isEmpty();
        byte[] first = Files.readAllBytes(f);
        ProjectFiles.write(f, back);
        assertThat(Files.readAllBytes(f)).isEqualTo(first);
        assertThat(Files.readString(f)).contains("\"schema_version\" : 2");
    }

    @Test
    void associationDetailsRoundTripAndOldEntriesStayShort() throws Exception {
        ProjectData d =
                sample().withAssociation(
                                new Association(
                                        List.of(
                                                new Association.Entry(
                                                        "view_000",
                                                        3,
                                                        1,
                                                        412,
                                                        0.1 + 0.2,
                                                        List.of("edited", "small")),
                                                new Association.Entry(
                                                        "view_001", 0, 0, 9, 1.0, List.of()),
                                                new Association.Entry(
                                                        "view_001",
                                                        4,
                                                        1,
                                                        50,
                                                        0.5,
                                                        List.of("split"),
                                                        2)),
                                        List.of(new ObjectInfo(1, "mug", "#102030", null))));
        Path f = tmp.resolve("project.json");
        ProjectFiles.write(f, d);
        List<String> warnings = new ArrayList<>();
        ProjectData back = ProjectFiles.read(f, warnings);
        assertThat(back).isEqualTo(d);
        assertThat(warnings).isEmpty();
        assertThat(back.association().entries().getFirst().confidence()).isEqualTo(0.1 + 0.2);
        assertThat(back.association().entries().get(1).flags()).isNull();
        // A part (sub-instance) is kept; entries of no part carry none.
        assertThat(back.association().entries().get(2).part()).isEqualTo(2);
        assertThat(back.association().entries().get(1).part()).isNull();
        // Entries without details (the CLI's) are written as before: no nulls in the file.
        ProjectFiles.write(f, sample());
        assertThat(Files.readString(f))
                .doesNotContain("null")
                .doesNotContain("confidence")
                .doesNotContain("part");
        assertThat(ProjectFiles.read(f, warnings).association().instances()).isEmpty();
    }

    @Test
    void versionOneOpensAfterMigration() {
        List<String> warnings = new ArrayList<>();
        ProjectData d = ProjectFiles.read(V1, warnings);
        assertThat(d.schemaVersion()).isEqualTo(2);
        assertThat(d.inputs().scene())
                .isEqualTo("model/point_cloud/iteration_30000/point_cloud.ply");
        assertThat(d.inputs().masks()).isEqualTo("/data/garden/object_mask");
        assertThat(d.settings()).isEqualTo(new ProjectData.Settings(0.1, Normalisation.L2, 0.6));
        assertThat(d.objects())
                .containsExactly(
                        new ObjectInfo(1, "vase", "#e6194b", 0.3),
                        new ObjectInfo(2, "table", "#3cb44b", null));
        assertThat(d.association().entries())
                .containsExactly(
                        new Association.Entry("DSC07956", 3, 1),
                        new Association.Entry("DSC07956", 5, 2));
        assertThat(d.editedMasks())
                .containsExactly(Map.entry("DSC07956", "edited_masks/DSC07956.png"));
        assertThat(d.assignmentParams().gammaFor(1)).isEqualTo(0.3);
        assertThat(d.assignmentParams().gammaFor(2)).isEqualTo(0.1);
        assertThat(warnings)
                .anyMatch(w -> w.contains("migrated from schema 1"))
                .anyMatch(w -> w.contains("\"window\""));
    }

    @Test
    void migratedProjectSavesInTheNewFormAndReadsBackEqual() throws Exception {
        ProjectData d = ProjectFiles.read(V1, new ArrayList<>());
        Path f = tmp.resolve("project.json");
        ProjectFiles.write(f, d);
        assertThat(Files.readString(f)).doesNotContain("\"version\"").doesNotContain("mask_id");
        assertThat(ProjectFiles.read(f, new ArrayList<>())).isEqualTo(d);
    }

    @Test
    void unknownFieldsAreIgnoredWithAWarningAndNeverNameClasses() throws Exception {
        Path f = tmp.resolve("project.json");
        Files.writeString(
                f,
                """
                {"schema_version": 2, "future_field": {"a": [1, 2]},
                 "@class": "java.lang.ProcessBuilder",
                 "settings": {"gamma": 0.0, "normalisation": "L1", "tau": 0.5, "@type": "x"},
                 "objects": [{"id": 1, "name": "a", "colour": "#010203", "shape": "round"}]}
                """);
        List<String> warnings = new ArrayList<>();
        ProjectData d = ProjectFiles.read(f, warnings);
        assertThat(d.objects()).containsExactly(new ObjectInfo(1, "a", "#010203", null));
        assertThat(warnings)
                .anyMatch(w -> w.contains("future_field"))
                .anyMatch(w -> w.contains("@class"))
                .anyMatch(w -> w.contains("@type"))
                .anyMatch(w -> w.contains("shape"));
    }

    @Test
    void objectEditsAndCleanupRoundTripAndOldFilesLoadWithout() throws Exception {
        ProjectData d =
                sample().withObjects(
                                List.of(
                                        new ObjectInfo(1, "mug", null, null, 0.5),
                                        new ObjectInfo(7, "chair", null, null, 0.0)))
                        .withObjectEdits(
                                List.of(
                                        new ProjectData.ObjectEdit(1, new int[] {2, 9}, null),
                                        new ProjectData.ObjectEdit(
                                                8, new int[] {0}, new int[] {4, 5})));
        Path f = tmp.resolve("project.json");
        ProjectFiles.write(f, d);
        List<String> warnings = new ArrayList<>();
        ProjectData back = ProjectFiles.read(f, warnings);
        assertThat(back).isEqualTo(d);
        assertThat(warnings).isEmpty();
        assertThat(back.object(1).clean()).isEqualTo(0.5);
        assertThat(back.object(7).clean()).isNull(); // 0 is none, and is left out of the file
        assertThat(back.cleanStrengths()).containsExactly(Map.entry(1, 0.5));
        assertThat(back.objectEdits().get(1).removed()).containsExactly(4, 5);

        // A file of a studio before these fields: no edits, no cleanup, no warning.
        ProjectFiles.write(f, sample());
        assertThat(Files.readString(f)).doesNotContain("object_edits").doesNotContain("clean");
        ProjectData old = ProjectFiles.read(f, warnings);
        assertThat(old.objectEdits()).isEmpty();
        assertThat(old.cleanStrengths()).isEmpty();
        assertThat(warnings).isEmpty();

        Files.writeString(
                f, "{\"schema_version\": 2, \"object_edits\": [{\"id\": 1, \"added\": [3, 2]}]}");
        assertThatThrownBy(() -> ProjectFiles.read(f, new ArrayList<>()))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("must ascend");
        Files.writeString(f, "{\"schema_version\": 2, \"objects\": [{\"id\": 1, \"clean\": 2}]}");
        assertThatThrownBy(() -> ProjectFiles.read(f, new ArrayList<>()))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("clean of object 1");
    }

    @Test
    void badFilesGiveClearErrors() throws Exception {
        Path f = tmp.resolve("project.json");
        Files.writeString(f, "{\"schema_version\": 3}");
        assertThatThrownBy(() -> ProjectFiles.read(f, new ArrayList<>()))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("newer FlashSplat Studio");
        Files.writeString(f, "{\"schema_version\": 2, \"settings\": {\"gamma\": 3, \"tau\": 0.5}}");
        assertThatThrownBy(() -> ProjectFiles.read(f, new ArrayList<>()))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("gamma must lie in [-1, 1]");
        Files.writeString(f, "{\"schema_version\": 2, \"objects\": [{\"id\": 1}, {\"id\": 1}]}");
        assertThatThrownBy(() -> ProjectFiles.read(f, new ArrayList<>()))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("object id 1 twice");
        Files.writeString(
                f, "{\"schema_version\": 2, \"objects\": [{\"id\": 1, \"colour\": \"red\"}]}");
        assertThatThrownBy(() -> ProjectFiles.read(f, new ArrayList<>()))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("#rrggbb");
        Files.writeString(f, "{\"schema_version\": 2, ");
        assertThatThrownBy(() -> ProjectFiles.read(f, new ArrayList<>()))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("not valid JSON");
        Files.writeString(f, "[" + "[".repeat(2000) + "]".repeat(2000) + "]");
        assertThatThrownBy(() -> ProjectFiles.read(f, new ArrayList<>()))
                .isInstanceOf(InputException.class);
    }

    @Test
    void oversizedFileIsRefusedBeforeReading() throws Exception {
        Path f = tmp.resolve("project.json");
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(ProjectFiles.MAX_BYTES + 1); // sparse: costs no disk
        }
        assertThatThrownBy(() -> ProjectFiles.read(f, new ArrayList<>()))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("too large");
    }

    @Test
    void pathsOutsideTheirRootAreRefused() {
        Path root = tmp.resolve("out");
        assertThat(SafePaths.inside(root, "objects/a.ply").toString())
                .startsWith(root.toAbsolutePath().toString());
        for (String bad : new String[] {"../x", "a/../../x", "/etc/passwd", ".", "a/.."}) {
            assertThatThrownBy(() -> SafePaths.inside(root, bad))
                    .as(bad)
                    .isInstanceOf(InputException.class);
        }
        assertThat(SafePaths.sanitise("../../etc/passwd")).isEqualTo("_._.._etc_passwd");
        assertThat(SafePaths.sanitise("")).isEqualTo("_");
        assertThat(SafePaths.sanitise("CON")).isEqualTo("_CON");
        assertThat(SafePaths.sanitise("mug (blue)/2")).isEqualTo("mug__blue__2");
        assertThat(SafePaths.store(tmp, tmp.resolve("a/b.ply"))).isEqualTo("a/b.ply");
        assertThat(SafePaths.store(tmp.resolve("p"), tmp.resolve("a.ply")))
                .isEqualTo(tmp.resolve("a.ply").toAbsolutePath().toString());
    }
}
