package org.flashsplat.export;

import org.flashsplat.raster.Dense;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.flashsplat.cli.Main;
import org.flashsplat.core.Progress;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.project.ContributionsCache;
import org.flashsplat.project.Project;
import org.flashsplat.project.ProjectData;
import org.flashsplat.project.ProjectScene;
import org.flashsplat.raster.Renderer;
import org.flashsplat.raster.Renderers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contributions cache: reused while the inputs are unchanged, recomputed when any changes. */
class ContributionsCacheTest {
    static final int VIEWS = 3;

    @TempDir Path tmp;

    static ProjectScene.Lifted lift(Path dir, ProjectData d) throws Exception {
        try (Renderer r = Renderers.open(Renderers.Backend.CPU, 2, Progress.NONE)) {
            return ProjectScene.contributions(ProjectScene.load(dir, d), r, true, Progress.NONE);
        }
    }

    static long cacheFiles(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir.resolve(ContributionsCache.FOLDER))) {
            return s.count();
        }
    }

    @Test
    void cacheIsReusedAndRecomputedWhenAMaskOrAnEditChanges() throws Exception {
        Path dir = tmp.resolve("p");
        ProjectData data = SampleProject.make(dir, VIEWS);
        try (Project p = Project.create(dir, data)) {
            ProjectScene.Lifted first = lift(dir, p.data());
            assertThat(first.fromCache()).isFalse();
            ProjectScene.Lifted again = lift(dir, p.data());
            assertThat(again.fromCache()).isTrue();
            assertThat(again.fingerprint()).isEqualTo(first.fingerprint());
            assertThat(Dense.floats(again.contributions().table()))
                    .containsExactly(Dense.floats(first.contributions().table()));

            // A changed input mask (same size, same name) invalidates the cache.
            Path mask = dir.resolve("inputs/masks/view_000.png");
            byte[] bytes = Files.readAllBytes(mask);
            Files.write(dir.resolve("inputs/masks/view_001.png"), bytes);
            ProjectScene.Lifted changed = lift(dir, p.data());
            assertThat(changed.fromCache()).isFalse();
            assertThat(changed.fingerprint()).isNotEqualTo(first.fingerprint());
            assertThat(cacheFiles(dir)).isEqualTo(1); // the stale entry was dropped

            // An edited mask replaces the input mask of its view: a new fingerprint, new sums.
            LabelMask blank = LabelMask.empty(320, 240);
            p.putEditedMask("view_000", blank);
            ProjectScene.Lifted edited = lift(dir, p.data());
            assertThat(edited.fromCache()).isFalse();
            assertThat(Dense.floats(edited.contributions().table()))
                    .isNotEqualTo(Dense.floats(changed.contributions().table()));
        }
    }

    @Test
    void associationMapsLocalIdsToObjects() throws Exception {
        Path dir = tmp.resolve("p");
        ProjectData data = SampleProject.make(dir, VIEWS);
        ProjectScene.Lifted plain = lift(dir, data);
        // Swap objects 1 and 2 in every view: the rows of the contributions swap exactly.
        List<ProjectData.Association.Entry> entries = new java.util.ArrayList<>();
        for (int v = 0; v < VIEWS; v++) {
            String view = String.format("view_%03d", v);
            entries.add(new ProjectData.Association.Entry(view, 1, 2));
            entries.add(new ProjectData.Association.Entry(view, 2, 1));
            entries.add(new ProjectData.Association.Entry(view, 3, 3));
            entries.add(new ProjectData.Association.Entry(view, 4, 4));
        }
        ProjectData swapped = data.withAssociation(new ProjectData.Association(entries));
        ProjectScene.Lifted s = lift(dir, swapped);
        assertThat(s.fingerprint()).isNotEqualTo(plain.fingerprint());
        int n = plain.contributions().count();
        float[] a = Dense.floats(plain.contributions().table()), b = Dense.floats(s.contributions().table());
        for (int i = 0; i < n; i++) {
            assertThat(b[n + i]).isEqualTo(a[2 * n + i]);
            assertThat(b[2 * n + i]).isEqualTo(a[n + i]);
            assertThat(b[i]).isEqualTo(a[i]);
        }
    }

    @Test
    void cliInitThenExportAllTwiceUsesTheCache() throws Exception {
        Path dir = tmp.resolve("p");
        SampleProject.make(tmp.resolve("in"), VIEWS); // a 3-camera cameras.json and masks
        String[] init = {
            "project",
            "init",
            "--cameras",
            tmp.resolve("in/inputs/cameras.json").toString(),
            "--out",
            dir.toString()
        };
        StringWriter err = new StringWriter();
        assertThat(Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), init))
                .as(err.toString())
                .isZero();
        assertThat(Project.open(dir, Project.Mode.READ_ONLY).data().objects()).hasSize(4);
        String[] export = {
            "export-all",
            "--project",
            dir.toString(),
            "--out",
            tmp.resolve("out").toString(),
            "--backend",
            "cpu",
            "--threads",
            "2",
            "--quiet"
        };
        assertThat(Main.execute(export)).isZero();
        assertThat(cacheFiles(dir)).isEqualTo(1);
        assertThat(Main.execute(export)).isZero();
        String json = Files.readString(tmp.resolve("out/export.json"));
        assertThat(json).contains("\"contributions_from_cache\" : true");
        assertThat(tmp.resolve("out/coco.json")).exists();
        // A second writer is refused; export-all falls back to read-only and still exports.
        try (Project held = Project.open(dir, Project.Mode.READ_WRITE)) {
            assertThat(Main.execute(export)).isZero();
        }
    }
}
