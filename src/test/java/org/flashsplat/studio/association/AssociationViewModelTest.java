package org.flashsplat.studio.association;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.flashsplat.associate.AssociationSnapshot;
import org.flashsplat.associate.AssociationTable;
import org.flashsplat.associate.MaskKey;
import org.flashsplat.camera.Camera;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.mask.MaskSet;
import org.flashsplat.raster.ContributionTable;
import org.flashsplat.raster.Dense;
import org.flashsplat.raster.Renderers;
import org.flashsplat.studio.FreshAccumulate;
import org.flashsplat.studio.QueuedUi;
import org.flashsplat.studio.StudioViewModel;
import org.flashsplat.studio.model.ViewItem;
import org.flashsplat.studio.model.ViewMask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The association view model on the golden tabletop's SAM masks, without the JavaFX toolkit: every
 * fix (and its undo) leaves the studio's masks equal to the table's associated masks and the
 * segments equal to a fresh accumulate of them.
 */
class AssociationViewModelTest {
    static final Path DIR = Path.of("src/test/resources/golden/tabletop");
    private final QueuedUi ui = new QueuedUi();
    private final StudioViewModel vm = new StudioViewModel(ui, Renderers.Backend.CPU, null);
    private final AssociationViewModel assoc = vm.association();

    @AfterEach
    void close() {
        vm.close();
    }

    private void await(BooleanSupplier done) throws InterruptedException {
        ui.await(done, 60);
    }

    /** Every view's studio mask is its SAM mask relabelled by the table. */
    private void assertMasksFollowTable(AssociationTable t) {
        List<Camera> cams = vm.projectProperty().get().cameras();
        MaskSet sam = MaskSet.open(DIR.resolve("masks_sam_rle"), cams);
        AssociationSnapshot snap = t.snapshot();
        for (ViewItem v : vm.views()) {
            LabelMask expected = snap.relabel(v.index(), sam.load(v.camera()));
            assertThat(v.mask().labels()).as(v.name()).isEqualTo(expected.labels());
        }
    }

    /** Waits until the masks are rewritten and the segments describe them exactly. */
    private ContributionTable settled(ContributionTable was) throws InterruptedException {
        await(() -> assoc.pendingProperty().get() == 0);
        int labels = Math.max(was.labels(), vm.segments().objects().size() + 1);
        long[] expected = FreshAccumulate.of(vm, labels);
        await(
                () -> {
                    ContributionTable c = vm.segments().contributionsProperty().get();
                    return c != was
                            && c.labels() == labels
                            && Arrays.equals(Dense.fixed(c), expected);
                });
        return vm.segments().contributionsProperty().get();
    }

    private int count(int object) {
        return vm.segments().object(object).countProperty().get();
    }

    @Test
    void fixesAndTheirUndoPointAtTheRowsTheyTouched() throws Exception {
        vm.open(List.of(DIR));
        await(() -> vm.projectProperty().get() != null && !vm.jobs().runningProperty().get());
        assoc.importAndAssociate(DIR.resolve("masks_sam_rle"));
        await(
                () ->
                        assoc.tableProperty().get() != null
                                && vm.segments().segmentationProperty().get() != null
                                && !vm.jobs().runningProperty().get());
        assertThat(assoc.merge(List.of(1, 2))).isTrue();
        String merged = assoc.messageProperty().get();
        assertThat(merged).contains("merge");
        assertThat(assoc.touchedProperty().get()).containsExactly(1);
        assoc.undo();
        assertThat(assoc.messageProperty().get()).isEqualTo("Undid: " + merged);
        assertThat(assoc.touchedProperty().get()).containsExactly(1, 2);
        assoc.redo();
        assertThat(assoc.messageProperty().get()).isEqualTo("Redid: " + merged);
        assertThat(assoc.touchedProperty().get()).containsExactly(1);
        assoc.undo();

        // Delete leaves nothing to select; its undo selects the instance back, nothing else.
        assertThat(assoc.delete(List.of(1))).isTrue();
        assertThat(assoc.touchedProperty().get()).isEmpty();
        assoc.undo();
        assertThat(assoc.touchedProperty().get()).containsExactly(1);

        // A refused request speaks in the association window, not in the main status bar.
        String status = vm.statusProperty().get();
        assertThat(assoc.merge(List.of(3))).isFalse();
        assertThat(assoc.messageProperty().get()).contains("two or more");
        assertThat(vm.statusProperty().get()).isEqualTo(status);
        await(() -> assoc.pendingProperty().get() == 0 && !vm.jobs().runningProperty().get());
    }

    @Test
    void fixesRewriteTheMasksAndUpdateTheSegments() throws Exception {
        vm.open(List.of(DIR));
        await(() -> vm.projectProperty().get() != null && !vm.jobs().runningProperty().get());
        // An undo step made before the import, which the import drops.
        ViewItem first = vm.views().getFirst();
        int w = first.mask().width(), h = first.mask().height();
        first.mask().replace(new LabelMask(w, h, new int[w * h]));
        assertThat(first.mask().history().undoSize()).isEqualTo(1);
        assoc.importAndAssociate(DIR.resolve("masks_sam_rle"));
        await(
                () ->
                        assoc.tableProperty().get() != null
                                && vm.segments().segmentationProperty().get() != null
                                && !vm.jobs().runningProperty().get());
        AssociationTable t = assoc.tableProperty().get();
        assertThat(t.instances()).hasSize(4);
        // The import is no step of Edit > Undo: undoing it in one view would take that view out of
        // step with the association.
        for (ViewItem v : vm.views())
            assertThat(v.mask().history().undoSize()).as(v.name()).isZero();
        assertThat(vm.editing().canUndoProperty().get()).isFalse();
        assertThat(assoc.rows()).extracting(r -> r.id()).containsExactly(1, 2, 3, 4, 0);
        assertThat(assoc.showRequestsProperty().get()).isPositive();
        assertMasksFollowTable(t);
        assertThat(vm.segments().object(1).nameProperty().get()).isEqualTo("object 1");
        ContributionTable c0 = vm.segments().contributionsProperty().get();
        long[] original = Dense.fixed(c0);
        assertThat(Arrays.equals(Dense.fixed(c0), FreshAccumulate.of(vm, c0.labels()))).isTrue();
        assertThat(count(2)).isPositive();

        // Merge: instance 2's masks join 1, and object 2 loses its Gaussians to object 1.
        List<MaskKey> twos = t.members(2);
        int ones = t.members(1).size();
        long t0 = System.nanoTime();
        assertThat(assoc.merge(List.of(2, 1))).isTrue();
        assertThat(t.instance(2)).isNull();
        assertThat(t.members(1)).hasSize(ones + twos.size()).containsAll(twos);
        assertThat(assoc.row(2)).isNull();
        assertThat(assoc.row(1).maskCountProperty().get()).isEqualTo(ones + twos.size());
        ContributionTable c1 = settled(c0);
        System.out.printf(
                "association: merge to updated segments %.1f ms (%d Gaussians, %d views)%n",
                (System.nanoTime() - t0) / 1e6,
                vm.projectProperty().get().scene().count(),
                vm.views().size());
        assertMasksFollowTable(t);
        assertThat(count(2)).isZero();
        assertThat(assoc.undoTextProperty().get()).startsWith("Undo merge");

        // Undo takes the table, the masks and the segments back exactly.
        assoc.undo();
        assertThat(t.instances()).hasSize(4);
        ContributionTable c2 = settled(c1);
        assertMasksFollowTable(t);
        assertThat(Arrays.equals(Dense.fixed(c2), original)).isTrue();
        assertThat(count(2)).isPositive();

        // Warm latency, from the fix (or its undo) to segments equal to a fresh accumulate.
        long[] merged = Dense.fixed(c1);
        double[] ms = new double[8];
        for (int i = 0; i < ms.length; i++) {
            long s0 = System.nanoTime();
            if (i % 2 == 0) assoc.merge(List.of(1, 2));
            else assoc.undo();
            long[] want = i % 2 == 0 ? merged : original;
            await(
                    () ->
                            Arrays.equals(
                                    Dense.fixed(vm.segments().contributionsProperty().get()),
                                    want));
            ms[i] = (System.nanoTime() - s0) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf(
                "association: fix to updated segments, warm median %.1f ms, max %.1f ms%n",
                ms[ms.length / 2], ms[ms.length - 1]);
        c2 = vm.segments().contributionsProperty().get();

        // Split instance 3's masks of the first two views off into a new instance 5.
        List<MaskKey> part = t.members(3).stream().filter(k -> k.view() < 2).toList();
        assertThat(part).isNotEmpty();
        assertThat(assoc.split(part)).isTrue();
        assertThat(t.instances()).hasSize(5);
        assertThat(t.members(5)).containsExactlyElementsOf(part);
        ContributionTable c3 = settled(c2);
        assertMasksFollowTable(t);
        assertThat(count(5)).isPositive();
        assertThat(vm.segments().object(5).nameProperty().get()).isEqualTo("object 5");

        // Dragging a mask of instance 4 onto instance 1's row: a view with two masks in 1.
        MaskKey dragged = t.members(4).getFirst();
        assertThat(assoc.row(1).twoInViewProperty().get()).isFalse();
        assertThat(assoc.reassign(List.of(dragged), 1)).isTrue();
        assertThat(t.get(dragged).instance()).isEqualTo(1);
        assertThat(assoc.row(1).twoInViewProperty().get()).isTrue();
        assertThat(assoc.row(1).cells())
                .filteredOn(c -> c.view() == dragged.view())
                .allMatch(c -> c.conflict());
        ContributionTable c4 = settled(c3);
        assertMasksFollowTable(t);

        // Delete: its masks become background.
        assertThat(assoc.delete(List.of(4))).isTrue();
        assertThat(assoc.row(0).cells()).isNotEmpty();
        settled(c4);
        assertMasksFollowTable(t);

        // Rename and recolour reach the segments' objects; they move no mask.
        assertThat(assoc.rename(1, "  mug ")).isTrue();
        assertThat(vm.segments().object(1).nameProperty().get()).isEqualTo("mug");
        assertThat(assoc.recolour(1, 0x112233)).isTrue();
        assertThat(vm.segments().object(1).rgb()).isEqualTo(0x112233);
        assoc.undo();
        assoc.undo();
        assertThat(vm.segments().object(1).nameProperty().get()).isEqualTo("object 1");
        assertThat(assoc.rename(1, " ")).isFalse();
        assertThat(assoc.messageProperty().get()).contains("empty");
        assertThat(assoc.merge(List.of(1))).isFalse();
        assertThat(assoc.messageProperty().get()).contains("two or more");

        // Everything undone: the masks and segments of the import again (object 5 stays, empty).
        while (assoc.canUndoProperty().get()) assoc.undo();
        ContributionTable last = settled(c4);
        assertThat(count(5)).isZero();
        assertThat(count(2)).isPositive();
        assertThat(last.labels()).isEqualTo(6);
        assertMasksFollowTable(t);
        assertThat(t.instances()).hasSize(4);
        // Back at the imported association: the views strip says imported, not edited.
        for (ViewItem v : vm.views())
            if (v.mask().hasMask())
                assertThat(v.mask().statusProperty().get())
                        .as(v.name())
                        .isEqualTo(ViewMask.Status.IMPORTED);
    }

    @Test
    void splitThenMergeLeavesNoEmptyObjectInTheTableOrTheMatrix() throws Exception {
        vm.open(List.of(DIR));
        await(() -> vm.projectProperty().get() != null && !vm.jobs().runningProperty().get());
        assoc.importAndAssociate(DIR.resolve("masks_sam_rle"));
        await(
                () ->
                        assoc.tableProperty().get() != null
                                && vm.segments().segmentationProperty().get() != null
                                && !vm.jobs().runningProperty().get());
        AssociationTable t = assoc.tableProperty().get();
        ContributionTable c0 = vm.segments().contributionsProperty().get();
        List<MaskKey> part = t.members(3).stream().filter(k -> k.view() < 2).toList();
        assertThat(assoc.split(part)).isTrue();
        ContributionTable c1 = settled(c0);
        assertThat(vm.segments().shownObjects()).extracting(e -> e.id()).contains(5);
        assertThat(vm.segments().shownIndices(5)).containsExactly(0, 1, 2, 3, 4);

        assertThat(assoc.merge(List.of(3, 5))).isTrue();
        ContributionTable c2 = settled(c1);
        // The contributions still have a row for label 5 (now empty); the lists leave it out.
        assertThat(c2.labels()).isEqualTo(6);
        assertThat(count(5)).isZero();
        assertThat(vm.segments().shownObjects())
                .extracting(e -> e.id())
                .containsExactly(1, 2, 3, 4);
        assertThat(vm.segments().shownIndices(c2.labels() - 1)).containsExactly(0, 1, 2, 3);

        // Undo of the merge brings object 5 back, with its Gaussians.
        assoc.undo();
        settled(c2);
        assertThat(vm.segments().shownObjects()).extracting(e -> e.id()).contains(5);
        assertThat(count(5)).isPositive();
        // Undo of the split too: instance 5 is gone again, and so is its row.
        assoc.undo();
        await(() -> assoc.pendingProperty().get() == 0 && !vm.jobs().runningProperty().get());
        assertThat(vm.segments().shownObjects())
                .extracting(e -> e.id())
                .containsExactly(1, 2, 3, 4);
    }

    @Test
    void aPartIsListedUnderItsWholeAndSplitOutAsOneUndoStep() throws Exception {
        vm.open(List.of(DIR));
        await(() -> vm.projectProperty().get() != null && !vm.jobs().runningProperty().get());
        assoc.importAndAssociate(DIR.resolve("masks_sam_rle"));
        await(
                () ->
                        assoc.tableProperty().get() != null
                                && vm.segments().segmentationProperty().get() != null
                                && !vm.jobs().runningProperty().get());
        AssociationTable imported = assoc.tableProperty().get();
        List<MaskKey> twos = imported.members(2);
        int count2 = count(2);
        // The golden masks give no parts; make instance 2 a part of 1, as the association does
        // for a part found inside its whole: merge them (the studio's masks follow), then a table
        // that keeps instance 2's masks as part 1 of instance 1.
        ContributionTable c0 = vm.segments().contributionsProperty().get();
        assertThat(assoc.merge(List.of(1, 2))).isTrue();
        ContributionTable c1 = settled(c0);
        java.util.Set<MaskKey> inPart = new java.util.HashSet<>(twos);
        List<org.flashsplat.associate.MaskAssignment> rows = new java.util.ArrayList<>();
        for (var m : imported.allMasks())
            rows.add(
                    inPart.contains(new MaskKey(m.view(), m.local()))
                            ? new org.flashsplat.associate.MaskAssignment(
                                    m.view(), m.local(), m.area(), 1, m.confidence(), m.flags(), 1)
                            : m);
        AssociationTable t = new AssociationTable(imported.views(), rows, imported.instances());
        assoc.install(t, assoc.localMasks(), null, false);
        assertMasksFollowTable(t);

        // The row of instance 1 lists its part; its cells say which masks show it.
        InstanceRow one = assoc.row(1);
        long views = twos.stream().map(MaskKey::view).distinct().count();
        assertThat(one.parts()).containsExactly(new InstanceRow.Part(1, twos.size(), (int) views));
        assertThat(one.partCountProperty().get()).isEqualTo(1);
        assertThat(one.cells()).filteredOn(c -> c.part() == 1).hasSize(twos.size());
        assertThat(one.cells())
                .filteredOn(c -> c.part() == 1)
                .allMatch(c -> inPart.contains(c.key()) && c.why().contains("part 1"));
        assertThat(assoc.row(3).parts()).isEmpty();
        assertThat(assoc.canUndoProperty().get()).isFalse();

        // Split out: a new instance 5 with the part's masks, one undo step; masks and segments
        // follow.
        assertThat(assoc.splitPart(1, 1)).isTrue();
        assertThat(t.members(5)).containsExactlyElementsOf(twos);
        assertThat(assoc.row(5).cells()).extracting(AssocCell::part).containsOnly(0);
        assertThat(one.parts()).isEmpty();
        assertThat(one.partCountProperty().get()).isZero();
        assertThat(assoc.touchedProperty().get()).containsExactly(1, 5);
        assertThat(assoc.undoTextProperty().get()).startsWith("Undo split");
        ContributionTable c2 = settled(c1);
        assertMasksFollowTable(t);
        assertThat(count(5)).isEqualTo(count2);

        // Undo: the part is back under its whole, instance 5 and its row gone.
        assoc.undo();
        assertThat(assoc.canUndoProperty().get()).isFalse();
        assertThat(t.instance(5)).isNull();
        assertThat(assoc.row(5)).isNull();
        assertThat(one.parts()).containsExactly(new InstanceRow.Part(1, twos.size(), (int) views));
        settled(c2);
        assertMasksFollowTable(t);
        assertThat(count(5)).isZero();

        // A part that is not there is refused in the window's message line.
        assertThat(assoc.splitPart(1, 7)).isFalse();
        assertThat(assoc.messageProperty().get()).contains("no part 7");
        assertThat(assoc.splitPart(3, 1)).isFalse();
        assertThat(assoc.canRedoProperty().get()).isTrue(); // the refusal changed no history
        await(() -> assoc.pendingProperty().get() == 0 && !vm.jobs().runningProperty().get());
    }

    @org.junit.jupiter.api.io.TempDir Path tmp;

    @Test
    void aFolderWithoutMatchingMasksIsOneClearMessage() throws Exception {
        vm.open(List.of(DIR));
        await(() -> vm.projectProperty().get() != null && !vm.jobs().runningProperty().get());
        java.nio.file.Files.copy(
                DIR.resolve("masks_sam_rle/view_000.json"), tmp.resolve("other_view.json"));
        assoc.importAndAssociate(tmp);
        await(() -> !vm.jobs().runningProperty().get());
        assertThat(vm.statusProperty().get())
                .startsWith("Associate masks from")
                .contains("no mask matches a camera")
                .doesNotContain("Exception");
        assertThat(assoc.tableProperty().get()).isNull();
        assertThat(assoc.merge(List.of(1, 2))).isFalse();

        // Esc (the job's cancel) stops an import; nothing changes.
        int[] before = vm.views().getFirst().mask().labels().clone();
        assoc.importAndAssociate(DIR.resolve("masks_sam_rle"));
        vm.jobs().cancel();
        await(() -> !vm.jobs().runningProperty().get());
        assertThat(vm.statusProperty().get()).endsWith("cancelled");
        assertThat(assoc.tableProperty().get()).isNull();
        assertThat(vm.views().getFirst().mask().labels()).isEqualTo(before);
    }
}
