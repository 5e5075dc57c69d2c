package org.flashsplat.studio.views;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.transformation.SortedList;
import org.flashsplat.core.CancelledException;
import org.flashsplat.correct.Disagreement;
import org.flashsplat.correct.ViewDisagreement;
import org.flashsplat.lift.Segmentation;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.raster.Renderer;
import org.flashsplat.raster.Renderers;
import org.flashsplat.studio.StudioViewModel;
import org.flashsplat.studio.io.StudioProject;
import org.flashsplat.studio.model.FxProgress;
import org.flashsplat.studio.model.ViewItem;

/**
 * How far each view's input mask is from the mask the 3D result renders for it ({@link
 * Disagreement}), and the views in file order or worst first. Scores are recomputed on a worker of
 * their own whenever the segmentation (gamma, objects, a new accumulate) or tau changes; a newer
 * request cancels the running one, so a dragged slider costs at most one pass at a time.
 */
public final class ViewRanking {
    /** Quiet time before a pass starts, so a slider drag coalesces into one pass. */
    static final long SETTLE_MS = 150;

    private static final Comparator<ViewItem> FILE_ORDER = Comparator.comparingInt(ViewItem::index);

    private final StudioViewModel studio;
    private final SortedList<ViewItem> ordered;
    private final BooleanProperty worstFirst = new SimpleBooleanProperty(false);
    private final BooleanProperty computing = new SimpleBooleanProperty(false);
    private final ObjectProperty<FxProgress> progress = new SimpleObjectProperty<>();
    private final AtomicInteger ticket = new AtomicInteger();
    private final ExecutorService worker =
            Executors.newSingleThreadExecutor(
                    r -> {
                        Thread t = new Thread(r, "view-ranking");
                        t.setDaemon(true);
                        return t;
                    });
    private Renderer renderer; // the worker's own

    public ViewRanking(StudioViewModel studio) {
        this.studio = studio;
        this.ordered = new SortedList<>(studio.views(), FILE_ORDER);
        worstFirst.addListener(o -> resort());
        studio.segments().segmentationProperty().addListener(o -> recompute());
        studio.segments().tauProperty().addListener(o -> recompute());
    }

    /**
     * Worst first by {@link Disagreement#rank}; views without a score (no mask, not computed yet)
     * follow in file order.
     */
    public static List<ViewItem> worstFirst(List<ViewItem> views) {
        List<ViewDisagreement> scored = new ArrayList<>();
        Map<Integer, ViewItem> byIndex = new HashMap<>();
        List<ViewItem> unscored = new ArrayList<>();
        for (ViewItem v : views) {
            ViewDisagreement d = v.disagreementProperty().get();
            if (d == null) unscored.add(v);
            else {
                scored.add(d);
                byIndex.put(d.view(), v);
            }
        }
        List<ViewItem> out = new ArrayList<>(views.size());
        for (ViewDisagreement d : Disagreement.rank(scored)) out.add(byIndex.get(d.view()));
        unscored.sort(FILE_ORDER);
        out.addAll(unscored);
        return out;
    }

    /** Re-sorts {@link #ordered} from the current scores (UI thread). */
    public void resort() {
        if (!worstFirst.get()) {
            ordered.setComparator(FILE_ORDER);
            return;
        }
        Map<ViewItem, Integer> pos = new IdentityHashMap<>();
        List<ViewItem> o = worstFirst(studio.views());
        for (int i = 0; i < o.size(); i++) pos.put(o.get(i), i);
        // Views added later (another project) go last until the next pass scores them.
        Comparator<ViewItem> c =
                Comparator.comparingInt(v -> pos.getOrDefault(v, Integer.MAX_VALUE));
        ordered.setComparator(c.thenComparing(FILE_ORDER));
    }

    /** Scores every view with a mask against the current 3D result, in the background. */
    public void recompute() {
        // A result the UI thread applies after the studio closed asks once more: nothing to do.
        if (worker.isShutdown()) return;
        Segmentation seg = studio.segments().segmentationProperty().get();
        StudioProject p = studio.projectProperty().get();
        int t = ticket.incrementAndGet();
        FxProgress old = progress.get();
        if (old != null) old.cancel();
        if (seg == null || p == null) {
            for (ViewItem v : studio.views()) v.disagreementProperty().set(null);
            progress.set(null);
            computing.set(false);
            resort();
            return;
        }
        double tau = studio.segments().tauProperty().get();
        List<ViewItem> targets = studio.viewsWithMasks();
        FxProgress prog = new FxProgress(studio.ui);
        progress.set(prog);
        computing.set(true);
        worker.execute(
                () -> {
                    try {
                        Thread.sleep(SETTLE_MS);
                        if (t != ticket.get()) return; // a newer request supersedes this one
                        List<ViewDisagreement> out = score(p, seg, tau, targets, prog);
                        studio.ui.execute(() -> apply(t, targets, out));
                    } catch (CancelledException | InterruptedException e) {
                        // superseded or closing
                    } catch (RuntimeException | OutOfMemoryError e) {
                        studio.ui.execute(
                                () -> {
                                    if (t == ticket.get()) computing.set(false);
                                    studio.reportError("Ranking views", e);
                                });
                    }
                });
    }

    private List<ViewDisagreement> score(
            StudioProject p, Segmentation seg, double tau, List<ViewItem> targets, FxProgress pr) {
        pr.begin("score views", targets.size());
        if (renderer == null)
            renderer = Renderers.open(studio.backend, org.flashsplat.core.Progress.NONE);
        List<ViewDisagreement> out = new ArrayList<>(targets.size());
        for (ViewItem v : targets) {
            pr.checkCancelled();
            // Copied when reached, as accumulate does, not all up front on the UI thread.
            LabelMask input =
                    org.flashsplat.studio.model.MaskCopies.committed(studio.ui, v.mask(), pr);
            LabelMask rendered =
                    NovelViews.render(renderer, p.scene(), v.camera(), seg.memberships(), tau);
            out.add(
                    Disagreement.compare(
                            v.index(), v.name(), input, rendered, seg.objects(), false));
            pr.advance(1);
        }
        return out;
    }

    private void apply(int t, List<ViewItem> targets, List<ViewDisagreement> out) {
        if (t != ticket.get()) return;
        for (ViewItem v : studio.views()) v.disagreementProperty().set(null);
        for (int i = 0; i < targets.size(); i++)
            targets.get(i).disagreementProperty().set(out.get(i));
        computing.set(false);
        resort();
    }

    /** The views in the order the strip shows them. */
    public SortedList<ViewItem> ordered() {
        return ordered;
    }

    public BooleanProperty worstFirstProperty() {
        return worstFirst;
    }

    /** True while a pass runs. */
    public BooleanProperty computingProperty() {
        return computing;
    }

    public ObjectProperty<FxProgress> progressProperty() {
        return progress;
    }

    /** Stops the running pass, if any. */
    public void cancel() {
        ticket.incrementAndGet();
        FxProgress p = progress.get();
        if (p != null) p.cancel();
        computing.set(false);
    }

    public void close() {
        ticket.incrementAndGet();
        FxProgress p = progress.get();
        if (p != null) p.cancel();
        worker.execute(
                () -> {
                    if (renderer != null) renderer.close();
                });
        worker.shutdown();
    }
}
