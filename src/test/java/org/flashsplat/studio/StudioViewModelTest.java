package org.flashsplat.studio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.flashsplat.raster.Renderers;
import org.flashsplat.studio.model.ViewMask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The view models without the JavaFX toolkit: a queue stands in for the UI thread and the test
 * drains it, as the toolkit would.
 */
class StudioViewModelTest {
    private final QueuedUi ui = new QueuedUi();
    private final StudioViewModel vm = new StudioViewModel(ui, Renderers.Backend.CPU, null);

    @org.junit.jupiter.api.io.TempDir Path tmp;

    @AfterEach
    void close() {
        vm.close();
    }

    private void await(BooleanSupplier done) throws InterruptedException {
        ui.await(done, 30);
    }

    @Test
    void opensSampleAccumulatesAndGammaChangesCounts() throws Exception {
        vm.openSample();
        await(() -> vm.projectProperty().get() != null && !vm.jobs().runningProperty().get());
        assertThat(vm.views()).hasSize(28);
        assertThat(vm.segments().objects()).isNotEmpty();
        assertThat(vm.views().getFirst().mask().statusProperty().get())
                .isEqualTo(ViewMask.Status.IMPORTED);

        vm.jobs().accumulate();
        await(() -> vm.segments().segmentationProperty().get() != null);
        int before = vm.segments().objects().getFirst().countProperty().get();
        assertThat(before).isPositive();

        vm.segments().gammaProperty().set(0.6);
        await(() -> vm.segments().objects().getFirst().countProperty().get() != before);
        assertThat(vm.segments().objects().getFirst().countProperty().get()).isLessThan(before);
        assertThat(vm.segments().assignMillisProperty().get()).isLessThan(100);
        // Latency of a gamma move: from the property change to the counts on the UI thread.
        double[] ms = new double[15];
        for (int i = 0; i < ms.length; i++) {
            int was = vm.segments().objects().getFirst().countProperty().get();
            long t0 = System.nanoTime();
            vm.segments().gammaProperty().set(i % 2 == 0 ? -0.4 : 0.4);
            await(() -> vm.segments().objects().getFirst().countProperty().get() != was);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        java.util.Arrays.sort(ms);
        System.out.printf(
                "gamma latency: sample %d Gaussians, median %.1f ms to counts (assign %.2f ms)%n",
                vm.projectProperty().get().scene().count(),
                ms[ms.length / 2],
                vm.segments().assignMillisProperty().get());
        assertThat(ms[ms.length / 2]).isLessThan(100);
        await(() -> !Double.isNaN(vm.views().getFirst().iouProperty().get()));
        assertThat(vm.views().getFirst().iouProperty().get()).isGreaterThan(0.5);

        // A per-object gamma overrides the global one for that object only.
        var second = vm.segments().objects().get(1);
        int secondCount = second.countProperty().get();
        second.gammaProperty().set(0.9);
        await(() -> second.countProperty().get() != secondCount);
        assertThat(second.countProperty().get()).isLessThan(secondCount);
        second.gammaProperty().set(Double.NaN);
        await(() -> second.countProperty().get() == secondCount);

        // Exports run as jobs and write through the core writers.
        vm.preview().selected().add(1);
        Path ply = tmp.resolve("selected.ply");
        vm.jobs().exportPly(ply, false);
        await(() -> !vm.jobs().runningProperty().get());
        int members = vm.segments().objects().getFirst().countProperty().get();
        assertThat(org.flashsplat.scene.PlyReader.readScene(ply).count()).isEqualTo(members);
        vm.jobs().exportPly(tmp.resolve("without.ply"), true);
        await(() -> !vm.jobs().runningProperty().get());
        assertThat(org.flashsplat.scene.PlyReader.readScene(tmp.resolve("without.ply")).count())
                .isEqualTo(vm.projectProperty().get().scene().count() - members);
        vm.jobs().exportNovelMasks(tmp.resolve("novel"));
        await(() -> !vm.jobs().runningProperty().get());
        try (var files = java.nio.file.Files.list(tmp.resolve("novel"))) {
            assertThat(files.count()).isEqualTo(vm.views().size());
        }
    }

    @Test
    void importMasksForAllViewsIsUndoable() throws Exception {
        vm.openSample();
        await(() -> vm.projectProperty().get() != null && !vm.jobs().runningProperty().get());
        var view = vm.views().get(3);
        vm.select(3);
        boolean had = view.mask().hasMask();
        // Opening a masks folder with a scene open imports it into every view.
        vm.open(List.of(vm.projectProperty().get().root().resolve("masks_gt")));
        await(() -> !vm.jobs().runningProperty().get());
        assertThat(view.mask().statusProperty().get()).isEqualTo(ViewMask.Status.IMPORTED);
        assertThat(had || view.mask().labels().length > 0).isTrue();
        assertThat(vm.editing().canUndoProperty().get()).isTrue();
    }

    @Test
    void accumulateCanBeCancelled() throws Exception {
        vm.openSample();
        await(() -> vm.projectProperty().get() != null && !vm.jobs().runningProperty().get());
        vm.jobs().accumulate();
        vm.jobs().cancel();
        await(() -> !vm.jobs().runningProperty().get());
        assertThat(vm.statusProperty().get()).contains("cancelled");
        assertThat(vm.segments().segmentationProperty().get()).isNull();
    }

    @Test
    void strokeUndoRedoStoresDiffsOnly() throws Exception {
        vm.openSample();
        await(() -> vm.projectProperty().get() != null);
        var mask = vm.currentProperty().get().mask();
        int[] original = mask.labels().clone();
        vm.editing().drawLabelProperty().set(3);
        vm.editing().strokeBegin(10, 10);
        vm.editing().strokeTo(60, 40);
        vm.editing().strokeEnd();
        int[] drawn = mask.labels().clone();
        assertThat(drawn).isNotEqualTo(original);
        assertThat(mask.history().bytes()).isLessThan(original.length * 4L);
        vm.editing().undo();
        assertThat(mask.labels()).isEqualTo(original);
        vm.editing().redo();
        assertThat(mask.labels()).isEqualTo(drawn);
        for (int i = 0; i < 150; i++) {
            vm.editing().strokeBegin(i % 100, 50);
            vm.editing().strokeEnd();
        }
        assertThat(mask.history().undoSize()).isGreaterThanOrEqualTo(100);

        // Saving writes every view with a mask and clears the unsaved state.
        assertThat(vm.unsavedViews()).isEqualTo(1);
        vm.jobs().exportMasks(tmp.resolve("saved"));
        await(() -> !vm.jobs().runningProperty().get());
        assertThat(vm.unsavedViews()).isZero();
        var reread =
                org.flashsplat.mask.MaskSet.open(
                        tmp.resolve("saved"), List.of(vm.currentProperty().get().camera()));
        assertThat(reread.load(vm.currentProperty().get().camera()).labels())
                .isEqualTo(mask.labels());
    }

    @Test
    void viewsAreScoredAndMasksReplacedWithTheRenderedOnesUndoably() throws Exception {
        vm.openSample();
        await(() -> vm.projectProperty().get() != null && !vm.jobs().runningProperty().get());
        vm.jobs().accumulate();
        await(() -> vm.segments().segmentationProperty().get() != null);
        // Every view with a mask gets a score in the background; the strip can sort by it.
        await(
                () ->
                        !vm.ranking().computingProperty().get()
                                && vm.views().getFirst().disagreementProperty().get() != null);
        vm.ranking().worstFirstProperty().set(true);
        var order = vm.ranking().ordered();
        for (int i = 1; i < order.size(); i++) {
            var prev = order.get(i - 1).disagreementProperty().get();
            var next = order.get(i).disagreementProperty().get();
            if (next != null) assertThat(prev.score()).isGreaterThanOrEqualTo(next.score());
        }

        var view = vm.views().get(2);
        vm.select(2);
        int[] original = view.mask().labels().clone();
        var otherStatus = vm.views().get(3).mask().statusProperty().get();
        var seg = vm.segments().segmentationProperty().get();
        var p = vm.projectProperty().get();
        org.flashsplat.mask.LabelMask rendered;
        try (var r = Renderers.open(Renderers.Backend.CPU, org.flashsplat.core.Progress.NONE)) {
            rendered =
                    org.flashsplat.studio.views.NovelViews.render(
                            r,
                            p.scene(),
                            view.camera(),
                            seg.memberships(),
                            vm.segments().tauProperty().get());
        }
        assertThat(rendered.labels()).isNotEqualTo(original);
        vm.jobs().replaceWithRendered(false);
        await(() -> !vm.jobs().runningProperty().get());
        assertThat(view.mask().labels()).isEqualTo(rendered.labels());
        assertThat(view.mask().statusProperty().get()).isEqualTo(ViewMask.Status.EDITED);
        assertThat(vm.views().get(3).mask().statusProperty().get()).isEqualTo(otherStatus);
        assertThat(vm.editing().canUndoProperty().get()).isTrue();
        // Re-scored: the view now agrees with the 3D result.
        await(() -> !vm.ranking().computingProperty().get());
        assertThat(view.disagreementProperty().get().score()).isZero();
        vm.editing().undo();
        assertThat(view.mask().labels()).isEqualTo(original);

        // All views: one undo step each.
        vm.jobs().replaceWithRendered(true);
        await(() -> !vm.jobs().runningProperty().get());
        for (var v : vm.views())
            if (v.mask().history().undoSize() > 0)
                assertThat(v.mask().statusProperty().get()).isEqualTo(ViewMask.Status.EDITED);
        assertThat(vm.views().get(3).mask().history().undoSize()).isEqualTo(1);
        vm.select(3);
        vm.editing().undo();
        assertThat(vm.views().get(3).mask().history().undoSize()).isZero();
    }

    /** Findings 2, 4 and 5 of the exploratory session, on the golden tabletop as plain inputs. */
    @Test
    void aNewSceneStartsCleanAndSaysWhichMasksItTook() throws Exception {
        Path golden = Path.of("src/test/resources/golden/tabletop");
        vm.open(List.of(golden));
        await(() -> vm.projectProperty().get() != null && !vm.jobs().runningProperty().get());
        // The mask folder is shown, with the others beside it and how to take one of them.
        assertThat(vm.statusProperty().get())
                .contains("masks from masks/")
                .contains("masks_2x")
                .contains("masks_binary")
                .contains("Import masks for all views");

        // What the last scene showed does not carry over.
        var preview = vm.preview();
        vm.segments().gammaProperty().set(0.2);
        preview.selected().add(1);
        preview.modeProperty().set(org.flashsplat.studio.preview.PreviewStyle.Mode.SELECTED);
        preview.toggleHighlight(1, 2);
        var first = vm.projectProperty().get();
        // The gamma is an unsaved change of the plain inputs: the open asks, and we discard.
        vm.session()
                .setPrompts(
                        new org.flashsplat.studio.project.ProjectPrompts() {
                            @Override
                            public boolean openReadOnly(Path folder, String message) {
                                return false;
                            }

                            @Override
                            public boolean recover(
                                    Path folder, java.nio.file.attribute.FileTime t) {
                                return false;
                            }

                            @Override
                            public Unsaved unsavedChanges(Path folder, boolean readOnly) {
                                return Unsaved.DISCARD;
                            }
                        });
        vm.open(List.of(golden));
        await(() -> vm.projectProperty().get() != first && !vm.jobs().runningProperty().get());
        assertThat(vm.segments().gammaProperty().get()).isZero();
        assertThat(preview.selected()).isEmpty();
        assertThat(preview.modeProperty().get())
                .isEqualTo(org.flashsplat.studio.preview.PreviewStyle.Mode.ALL);
        assertThat(preview.highlightAProperty().get()).isZero();

        // The overlap highlight: the same cell again clears it, Preview > All clears it too.
        preview.toggleHighlight(1, 2);
        assertThat(preview.highlightAProperty().get()).isEqualTo(1);
        preview.toggleHighlight(1, 2);
        assertThat(preview.highlightAProperty().get()).isZero();
        preview.toggleHighlight(2, 3);
        preview.showAll();
        assertThat(preview.highlightAProperty().get()).isZero();
        assertThat(preview.highlightBProperty().get()).isZero();
        // "Selected objects only" with nothing selected says why it is black.
        preview.modeProperty().set(org.flashsplat.studio.preview.PreviewStyle.Mode.SELECTED);
        assertThat(preview.emptyReason()).startsWith("Nothing selected");
        preview.selected().add(2);
        assertThat(preview.emptyReason()).isEmpty();

        // Export defaults to the objects' names beside the scene.
        vm.segments().objects().get(1).nameProperty().set("blue egg");
        assertThat(vm.exportSuggestion(false))
                .isEqualTo(golden.toAbsolutePath().normalize().resolve("blue_egg.ply"));
        assertThat(vm.exportSuggestion(true).getFileName().toString())
                .isEqualTo("scene_without_blue_egg.ply");
    }

    @Test
    void errorsAndFinishedJobsBecomeNotices() throws Exception {
        vm.open(List.of(tmp)); // an empty folder: no scene
        await(() -> vm.noticeProperty().get() != null);
        assertThat(vm.noticeProperty().get().error()).isTrue();
        assertThat(vm.noticeProperty().get().text()).contains("no scene");

        vm.openSample();
        await(
                () ->
                        vm.projectProperty().get() != null
                                && !vm.jobs().runningProperty().get()
                                && !vm.noticeProperty().get().error());
        assertThat(vm.noticeProperty().get().text()).isEqualTo(vm.statusProperty().get());
    }

    @Test
    void resetViewAndUpAxis() throws Exception {
        vm.openSample();
        await(() -> vm.projectProperty().get() != null && !vm.jobs().runningProperty().get());
        var preview = vm.preview();
        var opened = preview.trainingCameraProperty().get();
        assertThat(opened).as("opens from a training camera").isNotNull();
        preview.orbitBy(0.5, 0.2, false);
        assertThat(preview.trainingCameraProperty().get()).isNull();
        preview.resetView();
        assertThat(preview.trainingCameraProperty().get()).isSameAs(opened);
        preview.upAxisProperty().set(org.flashsplat.studio.preview.PreviewViewModel.UpAxis.PLUS_Z);
        assertThat(preview.trainingCameraProperty().get()).isNull();
        assertThat(preview.orbitProperty().get().up()).containsExactly(0, 0, 1);
    }
}
