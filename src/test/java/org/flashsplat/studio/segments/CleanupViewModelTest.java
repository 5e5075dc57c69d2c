package org.flashsplat.studio.segments;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.flashsplat.lift.Segmentation;
import org.flashsplat.raster.Memberships;
import org.flashsplat.raster.Renderers;
import org.flashsplat.select.Refinement;
import org.flashsplat.studio.QueuedUi;
import org.flashsplat.studio.StudioViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Floater cleanup of one object in the studio, without the toolkit: sliding shows what would go
 * (and changes nothing), Apply removes exactly that, undo and redo take it back and forth.
 */
class CleanupViewModelTest {
    static final Path DIR = Path.of("src/test/resources/golden/tabletop");
    private final QueuedUi ui = new QueuedUi();
    private final StudioViewModel vm = new StudioViewModel(ui, Renderers.Backend.CPU, null);

    @AfterEach
    void close() {
        vm.close();
    }

    private void await(BooleanSupplier done) throws InterruptedException {
        ui.await(done, 60);
    }

    private Segmentation shown() {
        return vm.segments().segmentationProperty().get();
    }

    @Test
    void triedStrengthIsShownThenAppliedAndUndone() throws Exception {
        vm.open(List.of(DIR));
        await(() -> vm.projectProperty().get() != null && !vm.jobs().runningProperty().get());
        // A low gamma lets stray Gaussians into the objects: floaters to find.
        vm.segments().gammaProperty().set(-0.9);
        vm.jobs().accumulate();
        await(() -> shown() != null && !vm.jobs().runningProperty().get());
        Segmentation lifted = vm.segments().liftedProperty().get();
        CleanupViewModel c = vm.cleanup();
        double strength = 0.8;
        BitSet expected =
                Refinement.floaters(
                        vm.projectProperty().get().scene(), lifted.memberships(), 1, strength);
        assertThat(expected.cardinality()).isPositive();

        c.objectProperty().set(2);
        assertThat(c.tryingProperty().get()).isFalse();
        c.strengthProperty().set(strength);
        assertThat(c.tryingProperty().get()).isTrue();
        await(() -> c.floaterCountProperty().get() >= 0);
        assertThat(c.floatersProperty().get()).isEqualTo(expected);
        assertThat(vm.preview().floaterMarksProperty().get()).isEqualTo(expected);
        assertThat(shown()).isSameAs(lifted); // tried, not applied

        c.apply();
        assertThat(vm.segments().object(2).cleanProperty().get()).isEqualTo(strength);
        assertThat(c.tryingProperty().get()).isFalse();
        assertThat(vm.preview().floaterMarksProperty().get()).isNull();
        await(() -> shown() != lifted);
        Memberships m = shown().memberships(), base = lifted.memberships();
        for (int g = 0; g < base.count(); g++)
            for (int k = 0; k < base.objects(); k++)
                assertThat(m.contains(k, g))
                        .isEqualTo(base.contains(k, g) && !(k == 1 && expected.get(g)));
        assertThat(vm.segments().object(2).countProperty().get())
                .isEqualTo(base.objectSizes()[1] - expected.cardinality());

        vm.segments().edits().history().undo();
        await(() -> shown() == lifted);
        assertThat(vm.segments().object(2).cleanProperty().get()).isZero();
        assertThat(c.strengthProperty().get()).isZero(); // the slider follows the undo
        vm.segments().edits().history().redo();
        await(() -> shown() != lifted);
        assertThat(shown().memberships().sameAs(m)).isTrue();
    }
}
