package org.flashsplat.studio.sam;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.flashsplat.core.Progress;
import org.flashsplat.propagate.ObjectPropagation;
import org.flashsplat.propagate.Proposal;
import org.flashsplat.raster.Renderer;
import org.flashsplat.raster.Renderers;
import org.flashsplat.sam.SamModel;
import org.flashsplat.sam.StandInSam;
import org.flashsplat.studio.QueuedUi;
import org.flashsplat.studio.StudioViewModel;
import org.flashsplat.studio.model.ViewItem;
import org.flashsplat.studio.model.ViewMask;
import org.flashsplat.studio.sam.PropagationViewModel.Decision;
import org.flashsplat.studio.sam.PropagationViewModel.Item;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Propagate this object" on the bundled sample with the stand-in SAM, without the toolkit. */
class PropagationViewModelTest {
    @TempDir static Path tmp;
    static SamModel model;
    private final QueuedUi ui = new QueuedUi();
    private final StudioViewModel vm = new StudioViewModel(ui, Renderers.Backend.CPU, null);
    private final PropagationViewModel prop = vm.propagation();

    @BeforeAll
    static void open() throws Exception {
        model = SamModel.open(StandInSam.write(tmp.resolve("model")));
    }

    @AfterAll
    static void closeModel() {
        model.close();
    }

    @AfterEach
    void close() {
        vm.close();
    }

    private void await(BooleanSupplier done) throws InterruptedException {
        ui.await(done, 120);
    }

    private void segmentedSample() throws InterruptedException {
        vm.openSample();
        await(() -> vm.projectProperty().get() != null && !vm.jobs().runningProperty().get());
        vm.jobs().accumulate();
        await(
                () ->
                        vm.segments().segmentationProperty().get() != null
                                && !vm.jobs().runningProperty().get());
        prop.cacheFolder(tmp.resolve("cache"));
        prop.modelProperty().set(model);
    }

    private void awaitRun() throws InterruptedException {
        await(() -> !prop.runningProperty().get() && !vm.jobs().runningProperty().get());
    }

    static boolean[] bits(Proposal p) {
        boolean[] b = new boolean[p.width() * p.height()];
        for (int i = 0; i < b.length; i++) b[i] = p.contains(i);
        return b;
    }

    @Test
    void withoutTheThreeDResultItAsksForAccumulate() throws Exception {
        vm.openSample();
        await(() -> vm.projectProperty().get() != null && !vm.jobs().runningProperty().get());
        assertThat(prop.start()).isFalse();
        assertThat(vm.statusProperty().get()).contains("accumulate");
        assertThat(prop.objectProperty().get()).isZero();
    }

    @Test
    void proposalsForEveryOtherViewAndEachAcceptIsOneUndoStep() throws Exception {
        segmentedSample();
        vm.select(2);
        vm.editing().drawLabelProperty().set(1);
        assertThat(prop.start()).isTrue();
        awaitRun();
        List<Item> items = List.copyOf(prop.items());
        assertThat(prop.summaryProperty().get()).startsWith(items.size() + " proposals");

        // Exactly what the core makes from the published 3D result, the source view left out.
        var p = vm.projectProperty().get();
        var seg = vm.segments().segmentationProperty().get();
        assertThat(prop.lifted()).isSameAs(seg);
        List<Proposal> expected;
        try (Renderer r = Renderers.open(Renderers.Backend.CPU, Progress.NONE)) {
            expected =
                    new ObjectPropagation(
                                    r,
                                    p.scene(),
                                    p.cameras(),
                                    seg.memberships(),
                                    vm.segments().tauProperty().get())
                            .refineWith(model, null)
                            .propose(
                                    1,
                                    ObjectPropagation.otherViews(p.views(), 2),
                                    v -> StudioViewModel.picture(p, vm.views().get(v), r),
                                    Progress.NONE);
        }
        assertThat(items).hasSizeGreaterThan(5);
        assertThat(items).extracting(i -> i.proposal().view()).doesNotContain(2);
        assertThat(items)
                .extracting(i -> i.proposal().view())
                .containsExactlyElementsOf(expected.stream().map(Proposal::view).toList());
        for (int i = 0; i < items.size(); i++) {
            assertThat(bits(items.get(i).proposal())).isEqualTo(bits(expected.get(i)));
            assertThat(items.get(i).view().index()).isEqualTo(expected.get(i).view());
            assertThat(items.get(i).proposal().refined()).isTrue();
        }

        Item first = items.getFirst();
        ViewMask m = first.view().mask();
        int steps = m.history().undoSize();
        int[] before = m.labels().clone();
        assertThat(prop.accept(first)).isTrue();
        assertThat(prop.accept(first)).as("decided once").isFalse();
        assertThat(m.history().undoSize()).isEqualTo(steps + 1);
        int[] after = m.labels();
        for (int q = 0; q < after.length; q++) {
            int want = first.proposal().contains(q) ? 1 : before[q] == 1 ? 0 : before[q];
            assertThat(after[q]).isEqualTo(want);
        }

        Item second = items.get(1);
        int[] untouched = second.view().mask().labels().clone();
        int secondSteps = second.view().mask().history().undoSize();
        prop.reject(second);
        assertThat(second.decisionProperty().get()).isEqualTo(Decision.REJECTED);
        assertThat(prop.accept(second)).isFalse();
        assertThat(prop.acceptAll()).isEqualTo(items.size() - 2);
        assertThat(second.view().mask().labels()).isEqualTo(untouched);
        assertThat(second.view().mask().history().undoSize()).isEqualTo(secondSteps);
        for (Item it : items.subList(2, items.size()))
            assertThat(it.decisionProperty().get()).isEqualTo(Decision.ACCEPTED);

        m.undo();
        assertThat(m.labels()).isEqualTo(before);
    }

    @Test
    void aMaskJustCommittedIsLiftedBeforeItPropagates() throws Exception {
        segmentedSample();
        var before = vm.segments().segmentationProperty().get();
        vm.select(0);
        ViewItem view = vm.currentProperty().get();
        int w = view.camera().width(), h = view.camera().height();
        vm.editing().drawLabelProperty().set(2);
        vm.editing().brushRadiusProperty().set(h / 6.0);
        vm.editing().strokeBegin(w * 0.15, h * 0.5);
        vm.editing().strokeTo(w * 0.85, h * 0.55);
        vm.editing().strokeEnd();
        // No UI work runs between the edit and the request: the update is still on its way.
        assertThat(vm.segments().segmentationProperty().get()).isSameAs(before);
        assertThat(prop.start()).isTrue();
        awaitRun();
        assertThat(prop.lifted()).isNotSameAs(before);
        assertThat(prop.lifted()).isSameAs(vm.segments().segmentationProperty().get());
        assertThat(vm.segments().staleProperty().get()).isFalse();
    }

    @Test
    void closedBeforeTheSegmentsAnsweredItNeverStarts() throws Exception {
        segmentedSample();
        vm.editing().drawLabelProperty().set(1);
        assertThat(prop.start()).isTrue();
        prop.clear(); // the request for the latest segments is still on the update's worker
        assertThat(prop.runningProperty().get()).isFalse();
        boolean[] answered = {false}; // the worker answers in order: the earlier request first
        vm.live.afterPendingEdits(() -> answered[0] = true);
        await(() -> answered[0]);
        awaitRun();
        assertThat(vm.jobs().titleProperty().get()).doesNotStartWith("Propagate");
        assertThat(prop.start()).as("free to start again").isTrue();
        prop.clear();
    }

    @Test
    void closingTheStripCancelsAndDropsLateProposals() throws Exception {
        segmentedSample();
        vm.editing().drawLabelProperty().set(1);
        assertThat(prop.start()).isTrue();
        await(() -> vm.jobs().runningProperty().get());
        prop.clear();
        awaitRun();
        assertThat(prop.items()).isEmpty();
        assertThat(prop.objectProperty().get()).isZero();
    }
}
