package org.flashsplat.studio;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;
import org.flashsplat.associate.AssociationTable;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.mask.MaskPngWriter;
import org.flashsplat.raster.Renderers;
import org.flashsplat.studio.association.AssociationViewModel;
import org.flashsplat.studio.model.ViewItem;

/**
 * Test-scope main (not a test): the bundled sample's masks with their IDs shuffled per view, as
 * SAM's local IDs are, imported and associated in the studio's view model; then the time from a fix
 * (merge, or its undo) to segments equal to a fresh accumulate. Prints, asserts nothing.
 */
public final class AssociationFixBench {
    private static final QueuedUi ui = new QueuedUi();

    private static void await(BooleanSupplier done) throws InterruptedException {
        ui.await(done, 600);
    }

    public static void main(String[] args) throws Exception {
        StudioViewModel vm = new StudioViewModel(ui, Renderers.Backend.CPU, null);
        AssociationViewModel assoc = vm.association();
        vm.openSample();
        await(() -> vm.projectProperty().get() != null && !vm.jobs().runningProperty().get());
        Path dir = Files.createTempDirectory("assoc-bench");
        Random rnd = new Random(7);
        for (ViewItem v : vm.viewsWithMasks()) {
            LabelMask m = v.mask().snapshot();
            int[] perm = new int[m.maxLabel() + 1];
            List<Integer> ids = new ArrayList<>();
            for (int i = 1; i < perm.length; i++) ids.add(i);
            java.util.Collections.shuffle(ids, rnd);
            for (int i = 1; i < perm.length; i++) perm[i] = ids.get(i - 1) + 10;
            int[] l = m.labels().clone();
            for (int p = 0; p < l.length; p++) l[p] = perm[l[p]];
            MaskPngWriter.write(
                    dir.resolve(v.name() + ".png"), new LabelMask(m.width(), m.height(), l));
        }
        long t0 = System.nanoTime();
        assoc.importAndAssociate(dir);
        await(() -> assoc.tableProperty().get() != null);
        double associated = (System.nanoTime() - t0) / 1e9;
        await(
                () ->
                        vm.segments().segmentationProperty().get() != null
                                && !vm.jobs().runningProperty().get());
        double withAccumulate = (System.nanoTime() - t0) / 1e9;
        AssociationTable t = assoc.tableProperty().get();
        System.out.printf(
                "sample: %d Gaussians, %d views with masks, %d masks into %d instances; import +"
                        + " associate %.2f s, + accumulate %.2f s%n",
                vm.projectProperty().get().scene().count(),
                vm.viewsWithMasks().size(),
                t.allMasks().size(),
                t.instances().size(),
                associated,
                withAccumulate);
        long[] original = vm.segments().contributionsProperty().get().fixed().clone();
        // Learn the merged state once (untimed), then time merges and undos against both states.
        var c0 = vm.segments().contributionsProperty().get();
        assoc.merge(List.of(1, 2));
        int views = (int) t.members(1).stream().mapToInt(k -> k.view()).distinct().count();
        await(
                () ->
                        assoc.pendingProperty().get() == 0
                                && vm.segments().contributionsProperty().get() != c0);
        long[] merged = FreshAccumulate.of(vm, c0.labels());
        await(() -> Arrays.equals(vm.segments().contributionsProperty().get().fixed(), merged));
        assoc.undo();
        await(() -> Arrays.equals(vm.segments().contributionsProperty().get().fixed(), original));
        double[] ms = new double[20];
        for (int i = 0; i < ms.length; i++) {
            long s0 = System.nanoTime();
            if (i % 2 == 0) assoc.merge(List.of(1, 2));
            else assoc.undo();
            long[] want = i % 2 == 0 ? merged : original;
            await(() -> Arrays.equals(vm.segments().contributionsProperty().get().fixed(), want));
            ms[i] = (System.nanoTime() - s0) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf(
                "merge of 2 instances (masks in %d views) or its undo, to segments equal to the"
                        + " full accumulate: median %.1f ms, min %.1f, max %.1f (20 runs)%n",
                views, ms[ms.length / 2], ms[0], ms[ms.length - 1]);
        vm.close();
        System.exit(0);
    }
}
