package org.flashsplat.studio.sam;

import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.flashsplat.correct.MaskEdit;
import org.flashsplat.lift.Segmentation;
import org.flashsplat.propagate.ObjectPropagation;
import org.flashsplat.propagate.Proposal;
import org.flashsplat.raster.Renderer;
import org.flashsplat.raster.Renderers;
import org.flashsplat.sam.EmbeddingCache;
import org.flashsplat.sam.SamModel;
import org.flashsplat.studio.StudioViewModel;
import org.flashsplat.studio.io.StudioProject;
import org.flashsplat.studio.model.ViewItem;
import org.flashsplat.studio.model.ViewMask;

/**
 * "Propagate this object": the drawing label's object, lifted with the masks as they are now (the
 * live re-lift of every committed edit), proposed in every other view by {@link ObjectPropagation}
 * as a job (progress, Cancel), and shown as a filmstrip of proposals that arrive one by one. Each
 * accepted proposal is one undo step on its view's own history; rejected ones change nothing.
 * Without a SAM model the proposals are the 3D result's masks unrefined, and the summary says so.
 */
public final class PropagationViewModel {
    /** What the user decided for a proposal. */
    public enum Decision {
        PENDING,
        ACCEPTED,
        REJECTED
    }

    /** One view's proposal in the filmstrip. */
    public static final class Item {
        private final ViewItem view;
        private final Proposal proposal;
        private final int object;
        private final ObjectProperty<Decision> decision =
                new SimpleObjectProperty<>(Decision.PENDING);

        Item(ViewItem view, Proposal proposal, int object) {
            this.view = view;
            this.proposal = proposal;
            this.object = object;
        }

        public ViewItem view() {
            return view;
        }

        public Proposal proposal() {
            return proposal;
        }

        public int object() {
            return object;
        }

        public ReadOnlyObjectProperty<Decision> decisionProperty() {
            return decision;
        }
    }

    private final StudioViewModel studio;
    private final ObjectProperty<SamModel> model = new SimpleObjectProperty<>();
    private final ObservableList<Item> items = FXCollections.observableArrayList();
    private final IntegerProperty object = new SimpleIntegerProperty();
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final StringProperty summary = new SimpleStringProperty("");
    private Path cacheFolder;
    private Segmentation lifted; // what the last run propagated from (for tests)
    private boolean ownJob; // the studio's running job is this propagation
    private int ticket; // the run whose proposals are shown; older runs' late arrivals are dropped

    public PropagationViewModel(StudioViewModel studio, Path cacheFolder) {
        this.studio = studio;
        this.cacheFolder = cacheFolder;
        // One job at a time: when the studio's job ends (done, failed or cancelled), ours has.
        studio.jobs()
                .runningProperty()
                .addListener(
                        (o, was, now) -> {
                            if (now || !ownJob) return;
                            ownJob = false;
                            running.set(false);
                            // Cancelled or failed: what arrived stays to be decided on.
                            if (summary.get().startsWith("Propagating"))
                                summary.set(
                                        items.size()
                                                + " proposals for "
                                                + objectName(object.get())
                                                + " (stopped)");
                        });
        studio.projectProperty().addListener(o -> clear());
    }

    /** Where embeddings are cached (the SAM tool's folder by default). */
    public void cacheFolder(Path folder) {
        cacheFolder = folder;
    }

    /**
     * Propagates the drawing label's object from the selected view to every other view (UI thread;
     * returns at once). Needs the 3D result: accumulate first.
     */
    public boolean start() {
        StudioProject p = studio.projectProperty().get();
        ViewItem source = studio.currentProperty().get();
        int k = studio.editing().drawLabelProperty().get();
        if (p == null || source == null || running.get()) return false;
        if (studio.jobs().runningProperty().get()) {
            studio.statusProperty().set("Busy: " + studio.jobs().titleProperty().get());
            return false;
        }
        if (studio.segments().segmentationProperty().get() == null
                || studio.segments().staleProperty().get()) {
            studio.statusProperty()
                    .set("Propagate: run accumulate first (the object is lifted from the masks)");
            return false;
        }
        clear();
        int run = ++ticket;
        object.set(k);
        running.set(true);
        summary.set("Propagating " + objectName(k) + " from " + source.name() + "...");
        // The mask just drawn may still be on its way into the segments: wait for it, not the UI.
        studio.live.afterPendingEdits(() -> launch(run, p, source, k));
        return true;
    }

    private void launch(int run, StudioProject p, ViewItem source, int k) {
        Segmentation seg = studio.segments().segmentationProperty().get();
        if (run != ticket || studio.projectProperty().get() != p) return;
        if (seg == null || k > seg.objects()) {
            running.set(false);
            summary.set(objectName(k) + " is in no mask yet: draw it in a view, then propagate");
            studio.statusProperty().set(summary.get());
            return;
        }
        lifted = seg;
        double tau = studio.segments().tauProperty().get();
        SamModel m = model.get();
        Path cache = cacheFolder;
        List<ViewItem> views = List.copyOf(studio.views());
        String what = "Propagate " + objectName(k);
        boolean started =
                studio.jobs()
                        .run(
                                what,
                                progress -> {
                                    try (Renderer r = Renderers.open(studio.backend, progress)) {
                                        ObjectPropagation op =
                                                new ObjectPropagation(
                                                                r,
                                                                p.scene(),
                                                                p.cameras(),
                                                                seg.memberships(),
                                                                tau)
                                                        .refineWith(
                                                                m,
                                                                m == null || cache == null
                                                                        ? null
                                                                        : new EmbeddingCache(
                                                                                cache));
                                        op.propose(
                                                k,
                                                ObjectPropagation.otherViews(
                                                        views.size(), source.index()),
                                                v -> StudioViewModel.picture(p, views.get(v), r),
                                                progress,
                                                proposal ->
                                                        studio.ui.execute(
                                                                () ->
                                                                        arrived(
                                                                                run, views,
                                                                                proposal)));
                                    }
                                    return null;
                                },
                                done -> finished(run, m != null));
        if (started) ownJob = true;
        else running.set(false);
    }

    private void arrived(int run, List<ViewItem> views, Proposal p) {
        if (run != ticket) return;
        items.add(new Item(views.get(p.view()), p, object.get()));
    }

    private void finished(int run, boolean refined) {
        if (run != ticket) return;
        summary.set(
                items.size()
                        + " proposals for "
                        + objectName(object.get())
                        + (refined
                                ? ""
                                : " (no SAM model: the 3D result unrefined; choose one in the SAM"
                                        + " tool to sharpen them)"));
        studio.statusProperty().set(summary.get());
    }

    /** Writes a proposal into its view's mask as one undo step; false when already decided. */
    public boolean accept(Item item) {
        if (item.decision.get() != Decision.PENDING) return false;
        ViewMask mask = item.view.mask();
        MaskEdit e = item.proposal.change(mask.labels(), item.object);
        mask.patch(
                "propagate " + objectName(item.object),
                e.pixels(),
                e.after(),
                ViewMask.Status.EDITED);
        item.decision.set(Decision.ACCEPTED);
        studio.editing().updateHistory();
        return true;
    }

    /** Leaves the view's mask as it is. */
    public void reject(Item item) {
        if (item.decision.get() == Decision.PENDING) item.decision.set(Decision.REJECTED);
    }

    /** Accepts every proposal still pending (one undo step per view); returns how many. */
    public int acceptAll() {
        int n = 0;
        for (Item i : List.copyOf(items)) if (accept(i)) n++;
        studio.statusProperty().set("Accepted " + n + " proposals for " + objectName(object.get()));
        return n;
    }

    public void rejectAll() {
        for (Item i : items) reject(i);
    }

    /** Closes the filmstrip (a running propagation is cancelled). */
    public void clear() {
        ticket++;
        if (ownJob) studio.jobs().cancel(); // running turns false when the job has stopped
        else running.set(false); // not started yet (waiting for the segments): it never will
        items.clear();
        object.set(0);
        summary.set("");
    }

    private String objectName(int k) {
        for (var e : studio.segments().objects())
            if (e.id() == k && !e.nameProperty().get().equals("object " + k))
                return "object " + k + " (" + e.nameProperty().get() + ")";
        return "object " + k;
    }

    /** The 3D result the last propagation was made from. */
    Segmentation lifted() {
        return lifted;
    }

    /** The SAM model that refines proposals (the SAM tool's); null: unrefined. */
    public ObjectProperty<SamModel> modelProperty() {
        return model;
    }

    public ObservableList<Item> items() {
        return items;
    }

    /** The object shown, 0 when the filmstrip is closed. */
    public IntegerProperty objectProperty() {
        return object;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    public StringProperty summaryProperty() {
        return summary;
    }
}
