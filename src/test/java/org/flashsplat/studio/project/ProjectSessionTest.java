package org.flashsplat.studio.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import javafx.scene.paint.Color;
import org.flashsplat.lift.Normalisation;
import org.flashsplat.project.Project;
import org.flashsplat.project.ProjectData;
import org.flashsplat.project.ProjectFiles;
import org.flashsplat.project.Samples;
import org.flashsplat.raster.Renderers;
import org.flashsplat.studio.QueuedUi;
import org.flashsplat.studio.StudioViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Projects in the studio, through the view models without the toolkit (see StudioViewModelTest).
 */
class ProjectSessionTest {
    private final QueuedUi ui = new QueuedUi();
    private final List<StudioViewModel> opened = new ArrayList<>();
    private final List<String> asked = new ArrayList<>();
    // The status line while each question was open.
    private final List<String> statusWhileAsking = new ArrayList<>();
    private ProjectPrompts.Unsaved unsavedAnswer = ProjectPrompts.Unsaved.CANCEL;

    @TempDir Path tmp;

    /** One object per label of the sample's masks, as "flashsplat project init" makes them. */
    static final List<ProjectData.ObjectInfo> OBJECTS =
            java.util.stream.IntStream.rangeClosed(1, 4)
                    .mapToObj(i -> new ProjectData.ObjectInfo(i, "object_" + i, null, null))
                    .toList();

    private Path inputs;

    @BeforeEach
    void copySample() throws Exception {
        // A copy, so a test may change an input mask (and can see that the project never does).
        inputs = tmp.resolve("tabletop");
        Path sample = Samples.locate();
        try (Stream<Path> all = Files.walk(sample)) {
            for (Path f : all.toList()) {
                Path to = inputs.resolve(sample.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(to);
                else Files.copy(f, to);
            }
        }
        // Eight views keep each accumulate short; the tests use views 1 to 7.
        var cams = org.flashsplat.camera.CameraReader.read(sample.resolve("cameras.json"));
        org.flashsplat.camera.CamerasJsonWriter.write(
                inputs.resolve("cameras.json"), cams.cameras().subList(0, 8));
    }

    @AfterEach
    void close() {
        for (StudioViewModel vm : opened) vm.close();
    }

    private StudioViewModel studio(boolean readOnly, boolean recover) {
        StudioViewModel vm = new StudioViewModel(ui, Renderers.Backend.CPU, null);
        vm.session()
                .setPrompts(
                        new ProjectPrompts() {
                            @Override
                            public boolean openReadOnly(Path folder, String message) {
                                asked.add("locked: " + message);
                                statusWhileAsking.add(vm.statusProperty().get());
                                return readOnly;
                            }

                            @Override
                            public boolean recover(Path folder, FileTime savedAt) {
                                asked.add("recover");
                                statusWhileAsking.add(vm.statusProperty().get());
                                return recover;
                            }

                            @Override
                            public ProjectPrompts.Unsaved unsavedChanges(
                                    Path folder, boolean readOnly) {
                                asked.add("unsaved");
                                return unsavedAnswer;
                            }
                        });
        opened.add(vm);
        return vm;
    }

    private void await(BooleanSupplier done) throws InterruptedException {
        ui.await(done, 30);
    }

    private void awaitLoaded(StudioViewModel vm) throws InterruptedException {
        await(
                () ->
                        vm.session().project() != null
                                && !vm.jobs().runningProperty().get()
                                && vm.segments().segmentationProperty().get() != null);
    }

    private static void stroke(StudioViewModel vm, int view, int label) {
        vm.select(view);
        vm.editing().drawLabelProperty().set(label);
        vm.editing().strokeBegin(10, 10);
        vm.editing().strokeTo(90, 60);
        vm.editing().strokeEnd();
    }

    /** A project over the copied sample, made by the core as the CLI's "project init" would. */
    private Path project() throws Exception {
        Path dir = tmp.resolve("proj");
        var in =
                new ProjectData.Inputs(
                        inputs.resolve("point_cloud.ply").toString(),
                        inputs.resolve("cameras.json").toString(),
                        inputs.resolve("masks").toString(),
                        inputs.resolve("images").toString());
        try (Project p = Project.create(dir, ProjectData.of(in).withObjects(OBJECTS))) {
            return p.folder();
        }
    }

    @Test
    void newProjectSaveAndReopenKeepEditsSettingsAndNamesAndUseTheCache() throws Exception {
        StudioViewModel vm = studio(false, true);
        vm.open(List.of(inputs));
        await(() -> vm.projectProperty().get() != null && !vm.jobs().runningProperty().get());
        byte[] inputMask = Files.readAllBytes(inputs.resolve("masks/view_002.png"));
        stroke(vm, 2, 2);
        int[] edited = vm.views().get(2).mask().labels().clone();
        var s = vm.segments();
        s.gammaProperty().set(0.25);
        s.tauProperty().set(0.6);
        s.normalisationProperty().set(Normalisation.L2);
        s.objects().get(0).nameProperty().set("red mug");
        s.objects().get(0).colorProperty().set(Color.rgb(1, 2, 3));
        s.objects().get(1).gammaProperty().set(0.4);
        vm.jobs().accumulate();
        await(() -> s.segmentationProperty().get() != null && !vm.jobs().runningProperty().get());
        int[] labels = s.segmentationProperty().get().labels().clone();

        Path dir = tmp.resolve("made");
        vm.session().saveAs(dir, null);
        await(() -> vm.session().project() != null);
        assertThat(vm.session().dirtyProperty().get()).isFalse();
        assertThat(vm.session().titleBinding().get()).startsWith("made — ");
        ProjectData saved = ProjectFiles.read(dir.resolve(Project.FILE), new ArrayList<>());
        assertThat(saved.editedMasks()).containsOnlyKeys("view_002");
        assertThat(Files.readAllBytes(inputs.resolve("masks/view_002.png"))).isEqualTo(inputMask);
        try (Stream<Path> c = Files.list(dir.resolve("cache"))) {
            assertThat(c.toList()).hasSize(1);
        }
        vm.close();
        opened.remove(vm);

        StudioViewModel again = studio(false, true);
        long t0 = System.nanoTime();
        again.session().open(dir);
        awaitLoaded(again);
        double ms = (System.nanoTime() - t0) / 1e6;
        System.out.printf("reopen with cached contributions: %.0f ms to segments%n", ms);
        assertThat(again.session().fromCacheProperty().get()).isTrue();
        assertThat(again.jobs().lastAccumulateProperty().get()).isNull();
        assertThat(asked).isEmpty();
        assertThat(again.views().get(2).mask().labels()).isEqualTo(edited);
        var t = again.segments();
        assertThat(t.gammaProperty().get()).isEqualTo(0.25);
        assertThat(t.tauProperty().get()).isEqualTo(0.6);
        assertThat(t.normalisationProperty().get()).isEqualTo(Normalisation.L2);
        assertThat(t.objects().get(0).nameProperty().get()).isEqualTo("red mug");
        assertThat(t.objects().get(0).colorProperty().get()).isEqualTo(Color.rgb(1, 2, 3));
        assertThat(t.objects().get(1).gammaProperty().get()).isEqualTo(0.4);
        assertThat(t.objects().get(2).gammaProperty().get()).isNaN();
        assertThat(t.segmentationProperty().get().labels()).isEqualTo(labels);
        assertThat(again.session().dirtyProperty().get()).isFalse();

        // An edit marks the project dirty and reaches the autosave a few seconds later.
        stroke(again, 5, 1);
        assertThat(again.session().titleBinding().get()).startsWith("made* — ");
        await(() -> Files.exists(dir.resolve(Project.AUTOSAVE)));
        again.session().save(null);
        await(() -> !again.session().dirtyProperty().get());
        assertThat(Files.exists(dir.resolve(Project.AUTOSAVE))).isFalse();

        // A changed input makes the cache stale: reopening accumulates again.
        Files.copy(
                inputs.resolve("masks/view_007.png"),
                inputs.resolve("masks/view_006.png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        long t1 = System.nanoTime();
        again.session().open(dir);
        await(() -> again.jobs().lastAccumulateProperty().get() != null);
        awaitLoaded(again);
        System.out.printf(
                "reopen with a stale cache: %.0f ms to segments (accumulate)%n",
                (System.nanoTime() - t1) / 1e6);
        assertThat(again.session().fromCacheProperty().get()).isFalse();
        assertThat(again.views().get(5).mask().history().undoSize()).isZero();
    }

    @Test
    void autosavedWorkIsOfferedBackAndCanBeDiscarded() throws Exception {
        Path dir = project();
        StudioViewModel vm = studio(false, true);
        vm.session().open(dir);
        awaitLoaded(vm);
        stroke(vm, 3, 2);
        int[] edited = vm.views().get(3).mask().labels().clone();
        vm.close(); // no save: like a crash after the autosave
        opened.remove(vm);
        assertThat(Files.exists(dir.resolve(Project.AUTOSAVE))).isTrue();

        StudioViewModel recovering = studio(false, true);
        recovering.session().open(dir);
        awaitLoaded(recovering);
        assertThat(asked).containsExactly("recover");
        // Not "Opening project …: done" while the question is still open.
        assertThat(statusWhileAsking.getFirst()).doesNotContain("done").contains("autosave");
        assertThat(recovering.statusProperty().get()).doesNotContain("Opening project");
        assertThat(recovering.views().get(3).mask().labels()).isEqualTo(edited);
        assertThat(recovering.session().dirtyProperty().get()).isTrue();
        recovering.close();
        opened.remove(recovering);

        asked.clear();
        StudioViewModel discarding = studio(false, false);
        discarding.session().open(dir);
        awaitLoaded(discarding);
        assertThat(asked).containsExactly("recover");
        assertThat(discarding.views().get(3).mask().labels()).isNotEqualTo(edited);
        assertThat(discarding.session().dirtyProperty().get()).isFalse();
        await(() -> !Files.exists(dir.resolve(Project.AUTOSAVE)));
    }

    @Test
    void aLockedProjectOpensReadOnlyOrNotAtAll() throws Exception {
        Path dir = project();
        try (Project other = Project.open(dir, Project.Mode.READ_WRITE)) {
            StudioViewModel cancelling = studio(false, true);
            cancelling.session().open(dir);
            await(() -> !asked.isEmpty() && !cancelling.jobs().runningProperty().get());
            // A sentence for a person: local time to the minute, not a nanosecond UTC instant.
            assertThat(asked.getFirst())
                    .contains("This project is open for writing in process ")
                    .containsPattern(" since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d$")
                    .doesNotContain("close it there");
            assertThat(cancelling.projectProperty().get()).isNull();
            assertThat(cancelling.statusProperty().get()).startsWith("Not opened");

            StudioViewModel viewer = studio(true, true);
            viewer.session().open(dir);
            awaitLoaded(viewer);
            assertThat(viewer.session().readOnlyProperty().get()).isTrue();
            assertThat(viewer.session().titleBinding().get()).contains("(read-only)");
            stroke(viewer, 1, 1);
            viewer.session().save(null);
            assertThat(viewer.statusProperty().get()).contains("read-only");
            long until = System.currentTimeMillis() + 600; // past the session's sync delay
            await(() -> System.currentTimeMillis() > until);
            assertThat(Files.exists(dir.resolve(Project.AUTOSAVE))).isFalse();
            assertThat(other.data().editedMasks()).isEmpty();
        }
    }

    @Test
    void openingSomethingElseWithUnsavedChangesAsksSaveDiscardOrCancel() throws Exception {
        Path dir = project();
        StudioViewModel vm = studio(false, true);
        vm.session().open(dir);
        awaitLoaded(vm);
        var shown = vm.projectProperty().get();

        // Cancel: nothing opens, nothing is written, the edit stays unsaved.
        stroke(vm, 3, 2);
        vm.open(List.of(inputs));
        assertThat(asked).containsExactly("unsaved");
        assertThat(vm.jobs().runningProperty().get()).isFalse();
        assertThat(vm.session().project()).isNotNull();
        assertThat(vm.session().dirtyProperty().get()).isTrue();
        assertThat(vm.statusProperty().get()).startsWith("Kept proj open");
        assertThat(vm.projectProperty().get()).isSameAs(shown);

        // Save: an edit made just now (within the sync delay) is saved before the folder opens.
        asked.clear();
        unsavedAnswer = ProjectPrompts.Unsaved.SAVE;
        stroke(vm, 4, 3);
        int[] last = vm.views().get(4).mask().labels().clone();
        vm.open(List.of(inputs));
        await(
                () ->
                        vm.projectProperty().get() != shown
                                && vm.projectProperty().get() != null
                                && !vm.jobs().runningProperty().get());
        assertThat(asked).containsExactly("unsaved");
        assertThat(vm.session().project()).isNull(); // a plain folder now
        ProjectData saved = ProjectFiles.read(dir.resolve(Project.FILE), new ArrayList<>());
        assertThat(saved.editedMasks()).containsOnlyKeys("view_003", "view_004");
        assertThat(Files.exists(dir.resolve(Project.AUTOSAVE))).isFalse();

        // Discard, reopening the same project: it shows its saved state and drops the autosave.
        asked.clear();
        vm.session().open(dir);
        awaitLoaded(vm);
        assertThat(asked).isEmpty(); // a plain folder without edits: nothing to ask
        assertThat(vm.views().get(4).mask().labels()).isEqualTo(last);
        int[] before = vm.views().get(5).mask().labels().clone();
        stroke(vm, 5, 1);
        await(() -> Files.exists(dir.resolve(Project.AUTOSAVE)));
        unsavedAnswer = ProjectPrompts.Unsaved.DISCARD;
        var again = vm.projectProperty().get();
        vm.session().open(dir);
        await(
                () ->
                        vm.projectProperty().get() != again
                                && vm.session().project() != null
                                && !vm.jobs().runningProperty().get());
        assertThat(asked).containsExactly("unsaved"); // and no "recover": the autosave is gone
        assertThat(vm.views().get(5).mask().labels()).isEqualTo(before);
        assertThat(vm.session().dirtyProperty().get()).isFalse();
        assertThat(Files.exists(dir.resolve(Project.AUTOSAVE))).isFalse();
    }

    /** Finding 1: plain inputs (no project) with edits ask before something else is shown. */
    @Test
    void plainInputsWithEditsAskBeforeAnythingElseOpens() throws Exception {
        StudioViewModel vm = studio(false, true);
        vm.open(List.of(inputs));
        await(() -> vm.projectProperty().get() != null && !vm.jobs().runningProperty().get());
        var shown = vm.projectProperty().get();
        vm.open(List.of(inputs));
        await(() -> vm.projectProperty().get() != shown && !vm.jobs().runningProperty().get());
        assertThat(asked).as("nothing edited: nothing to ask").isEmpty();

        var second = vm.projectProperty().get();
        stroke(vm, 3, 2);
        int[] edited = vm.views().get(3).mask().labels().clone();
        unsavedAnswer = ProjectPrompts.Unsaved.CANCEL;
        vm.openSample();
        assertThat(asked).containsExactly("unsaved");
        assertThat(vm.jobs().runningProperty().get()).isFalse();
        assertThat(vm.projectProperty().get()).isSameAs(second);
        assertThat(vm.views().get(3).mask().labels()).isEqualTo(edited);
        assertThat(vm.statusProperty().get()).startsWith("Kept the scene open");

        // A rename alone is an edit too; Discard then opens the other scene.
        asked.clear();
        vm.views().get(3).mask().markSaved(); // only the rename is left unsaved
        vm.segments().objects().getFirst().nameProperty().set("mug");
        unsavedAnswer = ProjectPrompts.Unsaved.DISCARD;
        vm.open(List.of(inputs));
        await(() -> vm.projectProperty().get() != second && !vm.jobs().runningProperty().get());
        assertThat(asked).containsExactly("unsaved");
        assertThat(vm.session().plainEditsProperty().get()).isFalse();
    }

    /** The first {@code n} members of object {@code k} (0-based), or non-members. */
    private static int[] pick(org.flashsplat.raster.Memberships m, int k, boolean in, int n) {
        int[] out = new int[n];
        int c = 0;
        for (int g = 0; g < m.count() && c < n; g++) if (m.contains(k, g) == in) out[c++] = g;
        return java.util.Arrays.copyOf(out, c);
    }

    @Test
    void objectEditsAndCleanupAreSavedReopenedAndExported() throws Exception {
        Path dir = project();
        StudioViewModel vm = studio(false, true);
        vm.session().open(dir);
        awaitLoaded(vm);
        var s = vm.segments();
        s.gammaProperty().set(-0.9); // stray Gaussians in the objects: floaters to clean
        await(() -> s.liftedProperty().get().params().gamma() == -0.9);
        var lifted = s.liftedProperty().get();
        int[] out = pick(lifted.memberships(), 0, true, 40);
        int[] made = pick(lifted.memberships(), 0, false, 25);
        s.edits().apply(false, 1, out);
        var extra = s.edits().newObject(made);
        s.edits().setClean(3, 0.8);
        await(
                () ->
                        s.segmentationProperty().get().objects() == extra.id()
                                && s.segmentationProperty().get().stats().objectCounts()[2]
                                        < lifted.stats().objectCounts()[2]);
        var edited = s.segmentationProperty().get();
        assertThat(vm.session().dirtyProperty().get()).isTrue();
        vm.session().save(null);
        await(() -> !vm.session().dirtyProperty().get());

        ProjectData saved = ProjectFiles.read(dir.resolve(Project.FILE), new ArrayList<>());
        assertThat(saved.objectEdits())
                .containsExactly(
                        new ProjectData.ObjectEdit(1, new int[0], out),
                        new ProjectData.ObjectEdit(extra.id(), made, new int[0]));
        assertThat(saved.object(3).clean()).isEqualTo(0.8);
        assertThat(saved.object(1).clean()).isNull();
        vm.close();
        opened.remove(vm);

        // Reopened: the same segments, no undo history, the slider at the saved strength.
        StudioViewModel again = studio(false, true);
        again.session().open(dir);
        awaitLoaded(again);
        var t = again.segments();
        await(() -> t.segmentationProperty().get().memberships().sameAs(edited.memberships()));
        assertThat(t.segmentationProperty().get().labels()).isEqualTo(edited.labels());
        assertThat(t.object(3).cleanProperty().get()).isEqualTo(0.8);
        assertThat(t.edits().history().canUndoProperty().get()).isFalse();
        assertThat(again.session().dirtyProperty().get()).isFalse();

        // Export all cuts the objects as the studio shows them.
        Path export = tmp.resolve("export");
        assertThat(ProjectExport.exportAll(again, export, null)).isTrue();
        await(() -> !again.jobs().runningProperty().get());
        assertThat(again.statusProperty().get()).startsWith("Exported");
        var m = edited.memberships();
        assertThat(
                        org.flashsplat.lift.SegmentFiles.read(
                                        export.resolve("arrays/segments.npy"), m.count())
                                .sameAs(m))
                .isTrue();
        for (int id = 1; id <= m.objects(); id++) {
            final int k = id;
            Path ply;
            try (Stream<Path> plys = Files.list(export.resolve("objects"))) {
                ply =
                        plys.filter(f -> f.getFileName().toString().startsWith("object_" + k + "_"))
                                .findFirst()
                                .orElseThrow();
            }
            assertThat(org.flashsplat.scene.PlyReader.readScene(ply).count())
                    .as("object %d", id)
                    .isEqualTo(m.objectSizes()[id - 1]);
        }
    }

    @Test
    void exportAllWritesEveryExportAndAnObjectPlyOpensAsAScene() throws Exception {
        Path dir = project();
        StudioViewModel vm = studio(false, true);
        vm.session().open(dir);
        awaitLoaded(vm);
        // The accumulate the open ran is cached at once, and the export uses it.
        await(() -> Files.isDirectory(dir.resolve("cache")));
        Path out = tmp.resolve("export");
        // A camera path of two novel cameras (the sample's, past the eight views used here).
        var all = org.flashsplat.camera.CameraReader.read(Samples.locate().resolve("cameras.json"));
        var novel = all.cameras().subList(8, 10);
        Path path = tmp.resolve("path.json");
        org.flashsplat.camera.CamerasJsonWriter.write(path, novel);
        assertThat(ProjectExport.exportAll(vm, out, path)).isTrue();
        await(() -> !vm.jobs().runningProperty().get());
        assertThat(vm.statusProperty().get())
                .startsWith("Exported")
                .contains("2 camera path masks")
                .endsWith("(contributions from the cache)");
        for (var c : novel) {
            // An instance-ID PNG per camera: one channel, the camera's size, objects 1..4 seen.
            var png =
                    javax.imageio.ImageIO.read(
                            out.resolve("camera_path/" + c.name() + ".png").toFile());
            assertThat(png.getWidth()).isEqualTo(c.width());
            assertThat(png.getHeight()).isEqualTo(c.height());
            assertThat(png.getRaster().getNumBands()).isEqualTo(1);
            int[] ids = png.getRaster().getSamples(0, 0, c.width(), c.height(), 0, (int[]) null);
            assertThat(java.util.Arrays.stream(ids).max().orElse(0)).isBetween(1, 4);
        }
        for (String f :
                List.of(
                        "coco.json",
                        "labelled.ply",
                        "scene_without_objects.ply",
                        "arrays/contributions.npy",
                        "masks/view_000.png")) assertThat(out.resolve(f)).isRegularFile();
        Path object;
        try (Stream<Path> plys = Files.list(out.resolve("objects"))) {
            object = plys.sorted().findFirst().orElseThrow();
        }
        int count = org.flashsplat.scene.PlyReader.readScene(object).count();

        vm.open(List.of(object));
        await(
                () ->
                        vm.projectProperty().get() != null
                                && vm.projectProperty().get().scene().count() == count
                                && !vm.jobs().runningProperty().get());
        assertThat(vm.views()).isEmpty();
        assertThat(vm.session().project()).isNull(); // a plain scene: the project was closed
        assertThat(vm.statusProperty().get()).contains("scene only");
        // The title names the PLY, not the folder it lies in.
        assertThat(vm.session().titleBinding().get())
                .isEqualTo(object.getFileName() + " — FlashSplat Studio");
    }
}
