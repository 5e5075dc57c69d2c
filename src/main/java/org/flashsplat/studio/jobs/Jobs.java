package org.flashsplat.studio.jobs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.flashsplat.camera.Camera;
import org.flashsplat.core.MemoryBudget;
import org.flashsplat.lift.AccumulateJob;
import org.flashsplat.lift.Segmentation;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.raster.AccumulateStats;
import org.flashsplat.raster.Contributions;
import org.flashsplat.raster.MaskProvider;
import org.flashsplat.raster.Renderer;
import org.flashsplat.raster.Renderers;
import org.flashsplat.studio.StudioViewModel;
import org.flashsplat.studio.io.Exports;
import org.flashsplat.studio.io.ProjectLoader;
import org.flashsplat.studio.io.StudioProject;
import org.flashsplat.studio.model.FxProgress;
import org.flashsplat.studio.model.MaskCopies;
import org.flashsplat.studio.model.ViewItem;
import org.flashsplat.studio.model.ViewMask;
import org.flashsplat.studio.model.ViewMask.Status;
import org.flashsplat.studio.views.NovelViews;

/**
 * Long work, one job at a time on its own thread, reporting through an {@link FxProgress} and
 * cancellable from the UI: opening, accumulate, imports, exports. Any failure, running out of
 * memory included, ends the job with one notice and leaves the studio ready for the next.
 */
public final class Jobs {
    /** The work of a job; runs off the UI thread. */
    @FunctionalInterface
    public interface Work<T> {
        T run(FxProgress progress) throws Exception;
    }

    private final StudioViewModel studio;
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final StringProperty title = new SimpleStringProperty("");
    private final ObjectProperty<FxProgress> progress = new SimpleObjectProperty<>();
    private final ObjectProperty<AccumulateStats> lastAccumulate = new SimpleObjectProperty<>();

    public Jobs(StudioViewModel studio) {
        this.studio = studio;
    }

    public <T> boolean run(String what, Work<T> work, Consumer<T> done) {
        if (running.get()) {
            studio.statusProperty().set("Busy: " + title.get());
            return false;
        }
        FxProgress p = new FxProgress(studio.ui);
        progress.set(p);
        title.set(what);
        running.set(true);
        studio.statusProperty().set(what + "...");
        studio.jobWorker.execute(
                () -> {
                    try {
                        T result = work.run(p);
                        studio.ui.execute(
                                () -> {
                                    running.set(false);
                                    studio.statusProperty().set(what + ": done");
                                    done.accept(result);
                                });
                    } catch (Throwable e) {
                        studio.ui.execute(
                                () -> {
                                    running.set(false);
                                    studio.reportError(what, e);
                                });
                    }
                });
        return true;
    }

    public void cancel() {
        FxProgress p = progress.get();
        if (p != null && running.get()) p.cancel();
    }

    /** Accumulates the contributions of every view with a mask, then assigns at once. */
    public void accumulate() {
        StudioProject proj = studio.projectProperty().get();
        if (proj == null) return;
        List<Camera> cams = new ArrayList<>();
        List<ViewMask> masks = new ArrayList<>();
        for (ViewItem v : studio.viewsWithMasks()) {
            cams.add(v.camera());
            masks.add(v.mask());
        }
        // Every label in any mask has an object entry (imports, picks and new labels add them).
        int maxLabel = Math.max(1, studio.segments().objects().size());
        if (cams.isEmpty()) {
            studio.statusProperty().set("No view has a mask: draw or import masks first");
            return;
        }
        int labels = maxLabel + 1;
        // The copies accumulated from, kept for the live update of the segments after edits.
        LabelMask[] used = new LabelMask[studio.views().size()];
        List<ViewItem> withMasks = studio.viewsWithMasks();
        long editsAtStart = studio.live.edits();
        run(
                "Accumulate",
                p -> {
                    // As the CLI does: a scene too large says how much it needs, not an OOM.
                    MemoryBudget.check(
                            String.format(
                                    Locale.ROOT,
                                    "accumulating %d labels x %,d Gaussians",
                                    labels,
                                    proj.scene().count()),
                            AccumulateJob.estimateBytes(proj.scene().count(), cams));
                    try (Renderer r = Renderers.open(studio.backend, p)) {
                        String desc = r.description();
                        studio.ui.execute(() -> studio.backendTextProperty().set(desc));
                        Contributions c = new Contributions(labels, proj.scene().count());
                        // Each mask is copied when the run reaches its view (not all up front,
                        // which for hundreds of large masks is seconds and GBs), on the UI thread
                        // that paints it and without a stroke still in progress: the live
                        // re-lift applies that stroke's commit to this copy later.
                        MaskProvider provider =
                                i -> {
                                    LabelMask m = MaskCopies.committed(studio.ui, masks.get(i), p);
                                    used[withMasks.get(i).index()] = m;
                                    return m;
                                };
                        AccumulateStats s = r.accumulate(proj.scene(), cams, provider, c, p);
                        studio.ui.execute(() -> lastAccumulate.set(s));
                        return c.table();
                    }
                },
                c -> {
                    // A project opened meanwhile is not what these contributions describe.
                    if (studio.projectProperty().get() != proj) return;
                    studio.segments().setContributions(c);
                    // Edits made while it ran may or may not be in c: the update cannot follow.
                    if (studio.live.edits() != editsAtStart)
                        studio.live.markStale("Masks changed during accumulate: run it again");
                    else
                        studio.live.start(
                                proj.scene(),
                                List.copyOf(studio.views()),
                                java.util.Arrays.asList(used),
                                c);
                    AccumulateStats s = lastAccumulate.get();
                    if (s != null)
                        studio.statusProperty()
                                .set(
                                        String.format(
                                                "Accumulated %d views in %.2f s on %s",
                                                s.views(),
                                                s.totalMillis() / 1000,
                                                studio.backendTextProperty().get()));
                });
    }

    /** Imports masks from a folder for the selected view or for all views (each one undo step). */
    public void importMasks(Path folder, boolean allViews) {
        StudioProject proj = studio.projectProperty().get();
        ViewItem cur = studio.currentProperty().get();
        if (proj == null) return;
        List<ViewItem> targets = allViews ? List.copyOf(studio.views()) : List.of(cur);
        run(
                "Import masks",
                p ->
                        ProjectLoader.readMasks(
                                folder, targets.stream().map(ViewItem::camera).toList(), p),
                masks -> {
                    int n = 0;
                    for (int i = 0; i < targets.size(); i++) {
                        LabelMask m = masks.get(i);
                        if (m == null) continue;
                        targets.get(i).mask().replace(m);
                        studio.segments().ensureObjects(m.maxLabel());
                        n++;
                    }
                    studio.editing().updateHistory();
                    studio.statusProperty().set("Imported " + n + " masks from " + folder);
                });
    }

    /**
     * Sets the selected view's mask ({@code allViews}: every view's) to the mask rendered from the
     * 3D result, as one undo step per view; the views count as edited.
     */
    public void replaceWithRendered(boolean allViews) {
        StudioProject proj = studio.projectProperty().get();
        Segmentation seg = studio.segments().segmentationProperty().get();
        ViewItem cur = studio.currentProperty().get();
        double tau = studio.segments().tauProperty().get();
        if (proj == null || seg == null || (!allViews && cur == null)) {
            studio.statusProperty().set("Replace masks: run accumulate first");
            return;
        }
        List<ViewItem> targets = allViews ? List.copyOf(studio.views()) : List.of(cur);
        run(
                "Replace masks with the 3D result",
                p -> {
                    p.begin("render masks", targets.size());
                    List<LabelMask> out = new ArrayList<>();
                    try (Renderer r = Renderers.open(studio.backend, p)) {
                        for (ViewItem v : targets) {
                            p.checkCancelled();
                            out.add(
                                    NovelViews.render(
                                            r, proj.scene(), v.camera(), seg.memberships(), tau));
                            p.advance(1);
                        }
                    }
                    return out;
                },
                masks -> {
                    if (studio.projectProperty().get() != proj) return;
                    for (int i = 0; i < targets.size(); i++)
                        targets.get(i).mask().replace(masks.get(i), "3D result", Status.EDITED);
                    studio.editing().updateHistory();
                    studio.ranking().recompute();
                    studio.statusProperty()
                            .set("Replaced " + targets.size() + " masks with the 3D result");
                });
    }

    /** Writes the selected objects' Gaussians ({@code without}: every other Gaussian) as PLY. */
    public void exportPly(Path file, boolean without) {
        StudioProject proj = studio.projectProperty().get();
        Segmentation seg = studio.segments().segmentationProperty().get();
        var sel = List.copyOf(studio.preview().selected());
        if (proj == null || seg == null || sel.isEmpty()) {
            studio.statusProperty().set("Export: run accumulate and select objects first");
            return;
        }
        run(
                without ? "Export scene without selected" : "Export selected objects",
                p -> {
                    boolean[] keep = new boolean[seg.count()];
                    for (int id : sel) {
                        if (id > seg.objects()) continue;
                        boolean[] m = seg.members(id);
                        for (int i = 0; i < keep.length; i++) keep[i] |= m[i];
                    }
                    if (without) for (int i = 0; i < keep.length; i++) keep[i] = !keep[i];
                    return Exports.writePly(proj.scene(), keep, file);
                },
                n -> studio.statusProperty().set("Wrote " + n + " Gaussians to " + file));
    }

    /** Writes the mask rendered from the 3D result for every camera into {@code dir}. */
    public void exportNovelMasks(Path dir) {
        StudioProject proj = studio.projectProperty().get();
        Segmentation seg = studio.segments().segmentationProperty().get();
        double tau = studio.segments().tauProperty().get();
        if (proj == null || seg == null) {
            studio.statusProperty().set("Export: run accumulate first");
            return;
        }
        run(
                "Export novel-view masks",
                p -> {
                    p.begin("render masks", proj.views());
                    try (Renderer r = Renderers.open(studio.backend, p)) {
                        for (Camera c : proj.cameras()) {
                            p.checkCancelled();
                            LabelMask m =
                                    NovelViews.render(r, proj.scene(), c, seg.memberships(), tau);
                            Exports.writeMask(m, dir.resolve(c.name() + ".png"));
                            p.advance(1);
                        }
                    }
                    return proj.views();
                },
                n -> studio.statusProperty().set("Wrote " + n + " masks to " + dir));
    }

    /**
     * Writes the masks of every view that has one (imported or edited) as instance-ID PNGs named by
     * the view, so edits survive the session and can be reopened as a masks folder.
     */
    public void exportMasks(Path dir) {
        List<ViewItem> withMasks = studio.viewsWithMasks();
        if (withMasks.isEmpty()) {
            studio.statusProperty().set("No view has a mask to save");
            return;
        }
        List<LabelMask> copies = new ArrayList<>();
        for (ViewItem v : withMasks) copies.add(v.mask().snapshot());
        run(
                "Save masks",
                p -> {
                    p.begin("write masks", copies.size());
                    for (int i = 0; i < copies.size(); i++) {
                        p.checkCancelled();
                        Exports.writeMask(
                                copies.get(i), dir.resolve(withMasks.get(i).name() + ".png"));
                        p.advance(1);
                    }
                    return copies.size();
                },
                n -> {
                    for (ViewItem v : withMasks) v.mask().markSaved();
                    studio.statusProperty().set("Saved " + n + " masks to " + dir);
                });
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    public StringProperty titleProperty() {
        return title;
    }

    public ObjectProperty<FxProgress> progressProperty() {
        return progress;
    }

    public ObjectProperty<AccumulateStats> lastAccumulateProperty() {
        return lastAccumulate;
    }
}
