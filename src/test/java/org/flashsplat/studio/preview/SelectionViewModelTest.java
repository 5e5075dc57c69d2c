package org.flashsplat.studio.preview;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.flashsplat.lift.Segmentation;
import org.flashsplat.raster.Memberships;
import org.flashsplat.raster.Renderers;
import org.flashsplat.scene.GaussianScene;
import org.flashsplat.scene.PlyReader;
import org.flashsplat.select.ScreenShapes;
import org.flashsplat.select.Selections;
import org.flashsplat.studio.QueuedUi;
import org.flashsplat.studio.StudioViewModel;
import org.flashsplat.studio.model.LabelEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 3D selection in the studio without the toolkit, on the golden tabletop: a box selection taken out
 * of an object, its undo and redo, a new object from a selection; the segments, the overlap counts
 * and an export follow each step exactly.
 */
class SelectionViewModelTest {
    static final Path DIR = Path.of("src/test/resources/golden/tabletop");
    private final QueuedUi ui = new QueuedUi();
    private final StudioViewModel vm = new StudioViewModel(ui, Renderers.Backend.CPU, null);
    private final SelectionViewModel sel = vm.selection();
    @TempDir Path tmp;

    @AfterEach
    void close() {
        vm.close();
    }

    private void await(BooleanSupplier done) throws InterruptedException {
        ui.await(done, 60);
    }

    @BeforeEach
    void accumulate() throws Exception {
        vm.open(List.of(DIR));
        await(() -> vm.projectProperty().get() != null && !vm.jobs().runningProperty().get());
        vm.jobs().accumulate();
        await(
                () ->
                        vm.segments().segmentationProperty().get() != null
                                && !vm.jobs().runningProperty().get());
    }

    private GaussianScene scene() {
        return vm.projectProperty().get().scene();
    }

    /** A box around the centres of object 2's first 300 members. */
    private ScreenShapes.Box boxOnObject2(Memberships m) {
        double[] min = {1e9, 1e9, 1e9}, max = {-1e9, -1e9, -1e9};
        GaussianScene s = scene();
        int n = 0;
        for (int g = 0; g < m.count() && n < 300; g++) {
            if (!m.contains(1, g)) continue;
            n++;
            float[] p = {s.x[g], s.y[g], s.z[g]};
            for (int k = 0; k < 3; k++) {
                min[k] = Math.min(min[k], p[k]);
                max[k] = Math.max(max[k], p[k]);
            }
        }
        return new ScreenShapes.Box(min, max);
    }

    private Segmentation shown() {
        return vm.segments().segmentationProperty().get();
    }

    /** The counts, overlaps and list entries all describe the memberships shown. */
    private void assertStatsFollow(Segmentation s) {
        Memberships m = s.memberships();
        assertThat(s.stats().objectCounts()).isEqualTo(m.objectSizes());
        int k = m.objects();
        for (int a = 0; a < k; a++)
            for (int b = a + 1; b < k; b++) {
                long both = 0;
                for (int g = 0; g < m.count(); g++)
                    if (m.contains(a, g) && m.contains(b, g)) both++;
                assertThat(s.stats().shared(a, b)).as("%d & %d", a + 1, b + 1).isEqualTo(both);
            }
        for (LabelEntry e : vm.segments().objects())
            if (e.id() <= k)
                assertThat(e.countProperty().get()).isEqualTo(m.objectSizes()[e.id() - 1]);
    }

    @Test
    void boxSelectionRemovedFromAnObjectUndoesAndRedoesExactly() throws Exception {
        Segmentation lifted = vm.segments().liftedProperty().get();
        Memberships base = lifted.memberships();
        ScreenShapes.Box box = boxOnObject2(base);
        sel.select(new SelectionViewModel.BoxShape(box), SelectionViewModel.Combine.REPLACE);
        int[] expected = Selections.box(scene(), box.min(), box.max());
        await(() -> sel.countProperty().get() == expected.length);
        assertThat(sel.selectionProperty().get()).isEqualTo(expected);
        assertThat(vm.preview().selectionMarksProperty().get().cardinality())
                .isEqualTo(expected.length);
        long inObject2 = java.util.Arrays.stream(expected).filter(g -> base.contains(1, g)).count();
        assertThat(inObject2).isGreaterThanOrEqualTo(300);

        // Nothing picked in the list: the action says what to do, and changes nothing.
        assertThat(sel.removeFromObjects()).isFalse();
        assertThat(sel.messageProperty().get()).contains("Segments list");

        vm.preview().selected().add(2);
        assertThat(sel.removeFromObjects()).isTrue();
        await(() -> shown() != lifted);
        Memberships after = shown().memberships();
        java.util.Set<Integer> picked = new java.util.HashSet<>();
        for (int g : expected) picked.add(g);
        for (int g = 0; g < base.count(); g++)
            for (int k = 0; k < base.objects(); k++) {
                boolean want = base.contains(k, g) && !(k == 1 && picked.contains(g));
                assertThat(after.contains(k, g))
                        .as("object %d, Gaussian %d", k + 1, g)
                        .isEqualTo(want);
            }
        assertThat(vm.segments().object(2).countProperty().get())
                .isEqualTo(base.objectSizes()[1] - (int) inObject2);
        assertStatsFollow(shown());

        // The export of object 2 holds exactly what is left of it.
        Path ply = tmp.resolve("object2.ply");
        vm.jobs().exportPly(ply, false);
        await(() -> !vm.jobs().runningProperty().get() && java.nio.file.Files.exists(ply));
        assertThat(PlyReader.readScene(ply).count())
                .isEqualTo(base.objectSizes()[1] - (int) inObject2);

        // Undo: the lift's memberships again, exactly; redo: the edit again, exactly.
        assertThat(vm.segments().edits().history().undoTextProperty().get())
                .isEqualTo("Undo remove " + expected.length + " Gaussians from object 2");
        vm.segments().edits().history().undo();
        await(() -> shown() == lifted);
        assertStatsFollow(shown());
        vm.segments().edits().history().redo();
        await(() -> shown() != lifted);
        assertThat(shown().memberships().sameAs(after)).isTrue();

        // A gamma change keeps the edit: it applies over the new lift.
        vm.segments().gammaProperty().set(0.3);
        await(
                () ->
                        vm.segments().liftedProperty().get() != lifted
                                && shown() != vm.segments().liftedProperty().get());
        Memberships moved = shown().memberships();
        for (int g : expected) assertThat(moved.contains(1, g)).isFalse();
        assertStatsFollow(shown());
    }

    @Test
    void aSelectionBecomesANewObjectAndItsUndoRetiresIt() throws Exception {
        Segmentation lifted = vm.segments().liftedProperty().get();
        int k = lifted.objects();
        double[] c = {scene().x[0], scene().y[0], scene().z[0]};
        sel.select(
                new SelectionViewModel.SphereShape(new ScreenShapes.Sphere(c, 0.05)),
                SelectionViewModel.Combine.REPLACE);
        int[] expected = Selections.sphere(scene(), c, 0.05);
        assertThat(expected).isNotEmpty();
        await(() -> sel.countProperty().get() == expected.length);
        // Shift adds a second sphere, Ctrl takes the first away again.
        double[] c2 = {scene().x[1], scene().y[1], scene().z[1]};
        sel.select(
                new SelectionViewModel.SphereShape(new ScreenShapes.Sphere(c2, 0.05)),
                SelectionViewModel.Combine.ADD);
        int[] both = SelectionViewModel.union(expected, Selections.sphere(scene(), c2, 0.05));
        await(() -> java.util.Arrays.equals(sel.selectionProperty().get(), both));
        sel.select(
                new SelectionViewModel.SphereShape(new ScreenShapes.Sphere(c2, 0.05)),
                SelectionViewModel.Combine.SUBTRACT);
        int[] first = SelectionViewModel.minus(both, Selections.sphere(scene(), c2, 0.05));
        await(() -> java.util.Arrays.equals(sel.selectionProperty().get(), first));

        LabelEntry o = sel.newObject();
        assertThat(o.id()).isEqualTo(vm.segments().objects().size());
        await(() -> shown().objects() == o.id());
        Memberships m = shown().memberships();
        for (int g = 0; g < m.count(); g++)
            assertThat(m.contains(o.id() - 1, g))
                    .isEqualTo(java.util.Arrays.binarySearch(first, g) >= 0);
        assertThat(o.countProperty().get()).isEqualTo(first.length);
        assertStatsFollow(shown());
        // The labelled scene gives the new object the Gaussians that had no object of their own.
        for (int g : first)
            if (lifted.labels()[g] <= 0) assertThat(shown().labels()[g]).isEqualTo(o.id());

        vm.segments().edits().history().undo();
        await(() -> shown() == lifted);
        assertThat(o.retiredProperty().get()).isTrue();
        assertThat(vm.segments().shownObjects()).doesNotContain(o);
        assertThat(shown().objects()).isEqualTo(k);
        vm.segments().edits().history().redo();
        await(() -> shown() != lifted);
        assertThat(vm.segments().shownObjects()).contains(o);
        assertThat(o.countProperty().get()).isEqualTo(first.length);
    }
}
