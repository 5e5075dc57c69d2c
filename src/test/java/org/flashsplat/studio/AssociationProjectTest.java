package org.flashsplat.studio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.flashsplat.associate.AssociationSnapshot;
import org.flashsplat.associate.AssociationTable;
import org.flashsplat.associate.MaskFlag;
import org.flashsplat.associate.MaskKey;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.mask.MaskSet;
import org.flashsplat.project.Project;
import org.flashsplat.project.ProjectData;
import org.flashsplat.project.ProjectFiles;
import org.flashsplat.raster.Renderers;
import org.flashsplat.studio.association.AssociationViewModel;
import org.flashsplat.studio.model.ViewItem;
import org.flashsplat.studio.project.ProjectPrompts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The association in a project, through the view models without the toolkit, on the golden
 * tabletop's SAM masks: the table (instances, names, colours, assignments, confidences, flags) and
 * the local-mask folder are saved and autosaved, and reopening shows the same table and masks.
 */
class AssociationProjectTest {
    static final Path DIR = Path.of("src/test/resources/golden/tabletop");
    private final QueuedUi ui = new QueuedUi();
    private final List<StudioViewModel> opened = new ArrayList<>();
    private ProjectPrompts.Unsaved unsavedAnswer = ProjectPrompts.Unsaved.CANCEL;

    @TempDir Path tmp;
    private Path inputs;

    @BeforeEach
    void copyFixture() throws Exception {
        inputs = tmp.resolve("tabletop");
        try (Stream<Path> all = Files.walk(DIR)) {
            for (Path f : all.toList()) {
                String rel = DIR.relativize(f).toString();
                if (rel.endsWith(".npy")) continue;
                Path to = inputs.resolve(rel);
                if (Files.isDirectory(f)) Files.createDirectories(to);
                else Files.copy(f, to);
            }
        }
    }

    @AfterEach
    void close() {
        for (StudioViewModel vm : opened) vm.close();
    }

    private StudioViewModel studio() {
        StudioViewModel vm = new StudioViewModel(ui, Renderers.Backend.CPU, null);
        vm.session()
                .setPrompts(
                        new ProjectPrompts() {
                            @Override
                            public boolean openReadOnly(Path folder, String message) {
                                return false;
                            }

                            @Override
                            public boolean recover(Path folder, FileTime savedAt) {
                                return true;
                            }

                            @Override
                            public ProjectPrompts.Unsaved unsavedChanges(
                                    Path folder, boolean readOnly) {
                                return unsavedAnswer;
                            }
                        });
        opened.add(vm);
        return vm;
    }

    private void await(BooleanSupplier done) throws InterruptedException {
        ui.await(done, 60);
    }

    private void idle(StudioViewModel vm) throws InterruptedException {
        await(
                () ->
                        !vm.jobs().runningProperty().get()
                                && vm.association().pendingProperty().get() == 0
                                && vm.segments().segmentationProperty().get() != null);
    }

    /** The tabletop's inputs open, SAM masks imported and associated. */
    private StudioViewModel imported() throws Exception {
        StudioViewModel vm = studio();
        vm.open(List.of(inputs));
        await(() -> vm.projectProperty().get() != null && !vm.jobs().runningProperty().get());
        vm.association().importAndAssociate(inputs.resolve("masks_sam_rle"));
        await(() -> vm.association().tableProperty().get() != null);
        idle(vm);
        return vm;
    }

    private static int[][] masks(StudioViewModel vm) {
        return vm.views().stream().map(v -> v.mask().labels().clone()).toArray(int[][]::new);
    }

    private static void assertSameTable(AssociationTable a, AssociationTable b) {
        assertThat(b.views()).isEqualTo(a.views());
        assertThat(b.instances()).isEqualTo(a.instances());
        assertThat(b.allMasks()).isEqualTo(a.allMasks());
    }

    private StudioViewModel reopen(Path dir) throws Exception {
        StudioViewModel again = studio();
        again.session().open(dir);
        await(() -> again.session().project() != null);
        idle(again);
        return again;
    }

    @Test
    void fixesAreSavedAndReopenedWithTheirMasksAndCachedSegments() throws Exception {
        StudioViewModel vm = imported();
        AssociationViewModel assoc = vm.association();
        AssociationTable t = assoc.tableProperty().get();
        assertThat(assoc.merge(List.of(1, 2))).isTrue();
        assertThat(assoc.rename(1, "mug")).isTrue();
        assertThat(assoc.recolour(3, 0x123456)).isTrue();
        idle(vm);
        // A stroke on view 1 the association does not make: stored as an edited mask.
        vm.select(1);
        vm.editing().drawLabelProperty().set(3);
        vm.editing().strokeBegin(5, 5);
        vm.editing().strokeTo(30, 20);
        vm.editing().strokeEnd();
        int[][] before = masks(vm);
        await(() -> vm.segments().staleProperty().get() == false);

        // The project goes into the inputs' folder: the SAM masks are inside, stored relative.
        vm.session().saveAs(inputs, null);
        await(() -> vm.session().project() != null && !vm.session().dirtyProperty().get());
        ProjectData saved = ProjectFiles.read(inputs.resolve(Project.FILE), new ArrayList<>());
        assertThat(saved.inputs().masks()).isEqualTo("masks_sam_rle");
        assertThat(saved.association().instances())
                .extracting(ProjectData.ObjectInfo::name)
                .contains("mug");
        assertThat(saved.association().entries()).hasSize(t.allMasks().size());
        assertThat(saved.editedMasks()).containsOnlyKeys(vm.views().get(1).name());
        AssociationTable table = t;
        vm.close();
        opened.remove(vm);

        StudioViewModel again = reopen(inputs);
        AssociationTable back = again.association().tableProperty().get();
        assertThat(back).isNotNull();
        assertSameTable(table, back);
        assertThat(back.instance(1).name()).isEqualTo("mug");
        assertThat(back.instance(3).colour()).isEqualTo(0x123456);
        assertThat(back.allMasks()).anyMatch(m -> m.has(MaskFlag.EDITED));
        assertThat(masks(again)).isDeepEqualTo(before);
        assertThat(again.session().fromCacheProperty().get()).isTrue();
        assertThat(again.jobs().lastAccumulateProperty().get()).isNull();
        assertThat(again.association().localFolder())
                .isEqualTo(inputs.resolve("masks_sam_rle").toAbsolutePath().normalize());
        assertThat(again.session().dirtyProperty().get()).isFalse();
        assertThat(again.segments().object(1).nameProperty().get()).isEqualTo("mug");

        // The reopened association is live (its undo history starts afresh): a fix is an edit.
        assertThat(again.association().canUndoProperty().get()).isFalse();
        assertThat(again.association().rename(3, "bowl")).isTrue();
        assertThat(again.session().dirtyProperty().get()).isTrue();
        assertThat(again.segments().object(3).nameProperty().get()).isEqualTo("bowl");
        again.association().undo();
        assertThat(again.association().tableProperty().get().instance(3).name())
                .isNotEqualTo("bowl");
    }

    @Test
    void aFixIsAutosavedAndAMainWindowUndoStaysInStep() throws Exception {
        StudioViewModel vm = imported();
        Path dir = tmp.resolve("proj");
        vm.session().saveAs(dir, null);
        await(() -> vm.session().project() != null && !vm.session().dirtyProperty().get());
        AssociationViewModel assoc = vm.association();
        AssociationTable t = assoc.tableProperty().get();

        // A stroke on view 0, then a fix moving masks of that view: the stroke keeps its paint.
        MaskKey k = t.members(2).stream().filter(m -> m.view() == 0).findFirst().orElseThrow();
        vm.select(0);
        vm.editing().drawLabelProperty().set(4);
        vm.editing().strokeBegin(2, 2);
        vm.editing().strokeTo(12, 8);
        vm.editing().strokeEnd();
        int undoBefore = vm.views().getFirst().mask().history().undoSize();
        assertThat(assoc.merge(List.of(1, 2))).isTrue();
        assertThat(vm.session().dirtyProperty().get()).isTrue();
        idle(vm);
        // The fix is not a step of the main window's undo: that belongs to the association view.
        assertThat(vm.views().getFirst().mask().history().undoSize()).isEqualTo(undoBefore);
        assertThat(t.get(k).instance()).isEqualTo(1);

        await(() -> Files.exists(dir.resolve(Project.AUTOSAVE)));
        await(
                () -> {
                    try {
                        ProjectData a =
                                ProjectFiles.read(dir.resolve(Project.AUTOSAVE), new ArrayList<>());
                        return a.association().entries().stream()
                                .anyMatch(
                                        e ->
                                                e.view().equals(t.views().get(k.view()))
                                                        && e.localId() == k.local()
                                                        && e.instance() == 1
                                                        && e.flags() != null
                                                        && e.flags().contains("edited"));
                    } catch (RuntimeException e) {
                        return false;
                    }
                });

        // Undo of the stroke in the main window: the view is the association's mask again.
        vm.editing().undo();
        LabelMask local =
                MaskSet.open(inputs.resolve("masks_sam_rle"), vm.projectProperty().get().cameras())
                        .load(vm.views().getFirst().camera());
        AssociationSnapshot snap = t.snapshot();
        assertThat(vm.views().getFirst().mask().labels())
                .isEqualTo(snap.relabel(0, local).labels());
        // Undo in the association view takes the fix back in the masks too.
        assoc.undo();
        idle(vm);
        for (ViewItem v : vm.views()) {
            LabelMask l =
                    MaskSet.open(
                                    inputs.resolve("masks_sam_rle"),
                                    vm.projectProperty().get().cameras())
                            .load(v.camera());
            assertThat(v.mask().labels())
                    .as(v.name())
                    .isEqualTo(t.snapshot().relabel(v.index(), l).labels());
        }

        // A crash now: the autosave brings the association back on the next open.
        vm.editing().redo(); // the stroke again
        assertThat(assoc.rename(3, "bowl")).isTrue();
        int[][] now = masks(vm);
        AssociationTable table = t;
        await(
                () -> {
                    try {
                        ProjectData a =
                                ProjectFiles.read(dir.resolve(Project.AUTOSAVE), new ArrayList<>());
                        return a.association().instances().stream()
                                .anyMatch(o -> o.name().equals("bowl"));
                    } catch (RuntimeException e) {
                        return false;
                    }
                });
        vm.close();
        opened.remove(vm);
        StudioViewModel again = reopen(dir);
        assertSameTable(table, again.association().tableProperty().get());
        assertThat(masks(again)).isDeepEqualTo(now);
    }

    @Test
    void discardThenNewProjectKeepsTheAssociation() throws Exception {
        StudioViewModel vm = imported();
        vm.session().saveAs(tmp.resolve("old"), null);
        await(() -> vm.session().project() != null && !vm.session().dirtyProperty().get());
        assertThat(vm.association().merge(List.of(3, 4))).isTrue();
        idle(vm);
        AssociationTable t = vm.association().tableProperty().get();
        int[][] now = masks(vm);
        unsavedAnswer = ProjectPrompts.Unsaved.DISCARD;
        Path dir = tmp.resolve("new");
        vm.session().whenSettled(() -> vm.session().saveAs(dir, null));
        await(
                () ->
                        vm.session().project() != null
                                && vm.session().project().folder().endsWith("new")
                                && !vm.session().dirtyProperty().get());
        ProjectData saved = ProjectFiles.read(dir.resolve(Project.FILE), new ArrayList<>());
        assertThat(saved.association().entries()).isNotEmpty();
        vm.close();
        opened.remove(vm);
        StudioViewModel again = reopen(dir);
        assertSameTable(t, again.association().tableProperty().get());
        assertThat(masks(again)).isDeepEqualTo(now);
    }
}
