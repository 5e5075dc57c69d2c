package org.flashsplat.studio.segments;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import javafx.beans.InvalidationListener;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.flashsplat.lift.Assigner;
import org.flashsplat.lift.AssignmentParams;
import org.flashsplat.lift.Normalisation;
import org.flashsplat.lift.Segmentation;
import org.flashsplat.raster.ContributionTable;
import org.flashsplat.studio.model.LabelEntry;

/**
 * The objects and how Gaussians are assigned to them. Any change of gamma, a per-object gamma or
 * the normalisation re-assigns from the contributions (a pass over A, never a re-render) on a
 * worker; requests coalesce so dragging the slider runs at most one assignment at a time and the
 * latest value always wins.
 */
public final class SegmentsViewModel {
    private final Executor ui, worker;
    // Reports a retirement as a change of the list, so the shown list (and the table) follows.
    private final ObservableList<LabelEntry> objects =
            FXCollections.observableArrayList(
                    e -> new javafx.beans.Observable[] {e.retiredProperty()});
    private final javafx.collections.transformation.FilteredList<LabelEntry> shown =
            new javafx.collections.transformation.FilteredList<>(
                    objects, e -> !e.retiredProperty().get());
    private final DoubleProperty gamma = new SimpleDoubleProperty(0);
    private final ObjectProperty<Normalisation> normalisation =
            new SimpleObjectProperty<>(Normalisation.L1);
    private final DoubleProperty tau = new SimpleDoubleProperty(0.5);
    private final ObjectProperty<Segmentation> segmentation = new SimpleObjectProperty<>();
    private final ObjectProperty<Segmentation> lifted = new SimpleObjectProperty<>();
    private final ObjectEdits edits = new ObjectEdits(this);
    private final AtomicReference<Refine> pendingRefine = new AtomicReference<>();
    private int refineTicket; // UI thread: only the newest refinement is shown
    private org.flashsplat.scene.GaussianScene scene;
    private final DoubleProperty assignMillis = new SimpleDoubleProperty(Double.NaN);
    private final ObjectProperty<ContributionTable> contributions = new SimpleObjectProperty<>();
    private final AtomicReference<Job> pending = new AtomicReference<>();
    private final InvalidationListener reassign = o -> reassign();
    private final javafx.beans.property.BooleanProperty stale =
            new javafx.beans.property.SimpleBooleanProperty();
    // Worker only: the contributions last prepared, so a gamma change only assigns.
    private Assigner.Prepared prepared;

    private record Job(ContributionTable a, AssignmentParams params) {}

    /** One assignment on the worker; tests put a failing one in its place. */
    @FunctionalInterface
    interface Assign {
        Segmentation run(ContributionTable a, AssignmentParams params);
    }

    private final Assign assign;
    private BiConsumer<String, Throwable> errors = (what, e) -> {};

    private record Refine(
            int ticket,
            Segmentation lifted,
            ContributionTable a,
            org.flashsplat.select.MembershipOverrides edits,
            org.flashsplat.scene.GaussianScene scene,
            Map<Integer, Double> clean) {}

    public SegmentsViewModel(Executor ui, Executor worker) {
        this(ui, worker, null);
    }

    SegmentsViewModel(Executor ui, Executor worker, Assign assign) {
        this.ui = ui;
        this.worker = worker;
        this.assign = assign != null ? assign : this::assignPrepared;
        gamma.addListener(reassign);
        normalisation.addListener(reassign);
    }

    public ObservableList<LabelEntry> objects() {
        return objects;
    }

    /** The objects that still exist (not retired): what the table and the label choice list. */
    public ObservableList<LabelEntry> shownObjects() {
        return shown;
    }

    /**
     * Object {@code id} is gone (its instance merged into another, or deleted): it leaves the lists
     * and the overlap matrix but keeps its id, which undo may bring back.
     */
    public void retire(int id) {
        LabelEntry e = object(id);
        if (e != null) e.retiredProperty().set(true);
    }

    /** Whether object {@code id} is shown (exists and is not retired). */
    public boolean isShown(int id) {
        LabelEntry e = object(id);
        return e != null && !e.retiredProperty().get();
    }

    /** Of objects 0..k-1 (0-based), those shown: what the overlap matrix lists. */
    public int[] shownIndices(int k) {
        int[] out = new int[k];
        int n = 0;
        for (int a = 0; a < k; a++) {
            LabelEntry e = object(a + 1);
            if (e == null || !e.retiredProperty().get()) out[n++] = a;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    public DoubleProperty gammaProperty() {
        return gamma;
    }

    public ObjectProperty<Normalisation> normalisationProperty() {
        return normalisation;
    }

    public DoubleProperty tauProperty() {
        return tau;
    }

    /**
     * The segmentation the studio shows and exports: the lift's, with the hand edits of 3D
     * selection and each object's floater cleanup applied ({@link #liftedProperty} without them).
     */
    public ObjectProperty<Segmentation> segmentationProperty() {
        return segmentation;
    }

    /** What the last assignment decided, before hand edits and cleanup. */
    public ObjectProperty<Segmentation> liftedProperty() {
        return lifted;
    }

    /** The 3D edits of objects (selection, cleanup) and their undo history. */
    public ObjectEdits edits() {
        return edits;
    }

    /** The scene of the objects, or null. */
    public org.flashsplat.scene.GaussianScene scene() {
        return scene;
    }

    /** The scene the objects are made of (cleanup needs the Gaussians' positions). */
    public void setScene(org.flashsplat.scene.GaussianScene s) {
        scene = s;
        edits.clear();
    }

    /** The contributions the segments come from; immutable, replaced by edits and accumulates. */
    public ObjectProperty<ContributionTable> contributionsProperty() {
        return contributions;
    }

    /** Wall time of the last assignment, for the status bar and the latency log. */
    public DoubleProperty assignMillisProperty() {
        return assignMillis;
    }

    /**
     * True when masks changed in a way the segments could not follow (a view without a mask at
     * accumulate time gained one, or an update failed): accumulate must run again.
     */
    public javafx.beans.property.BooleanProperty staleProperty() {
        return stale;
    }

    /** The object with this id, or null; at once unless the table was sorted by a column. */
    public LabelEntry object(int id) {
        if (id >= 1 && id <= objects.size() && objects.get(id - 1).id() == id)
            return objects.get(id - 1);
        for (LabelEntry e : objects) if (e.id() == id) return e;
        return null;
    }

    /** Makes sure objects 1..{@code k} exist; new ones arrive as one change of the list. */
    public void ensureObjects(int k) {
        List<LabelEntry> added = new ArrayList<>();
        for (int id = objects.size() + 1; id <= k; id++) {
            LabelEntry e = new LabelEntry(id);
            e.gammaProperty().addListener(reassign);
            e.cleanProperty().addListener(o -> refine());
            added.add(e);
        }
        if (!added.isEmpty()) objects.addAll(added);
    }

    /** Adds a new object after the last one and returns it. */
    public LabelEntry addObject() {
        ensureObjects(objects.size() + 1);
        return objects.getLast();
    }

    /** New contributions from an accumulate run: assigns at once. */
    public void setContributions(ContributionTable c) {
        stale.set(false);
        contributions.set(c);
        if (c != null) ensureObjects(c.labels() - 1);
        if (c == null) {
            refineTicket++;
            lifted.set(null);
            segmentation.set(null);
        }
        reassign();
    }

    public AssignmentParams params() {
        Map<Integer, Double> per = new HashMap<>();
        for (LabelEntry e : objects) {
            double g = e.gammaProperty().get();
            if (!Double.isNaN(g)) per.put(e.id(), Math.max(-1, Math.min(1, g)));
        }
        double g = Math.max(-1, Math.min(1, gamma.get()));
        return new AssignmentParams(g, per, normalisation.get());
    }

    public void reassign() {
        ContributionTable c = contributions.get();
        if (c == null) return;
        Job job = new Job(c, params());
        if (pending.getAndSet(job) == null) worker.execute(this::drain);
    }

    /**
     * Where a failed assignment is told (UI thread): the studio's notices. Running out of memory
     * here must leave the studio usable, so it is caught like any other failure.
     */
    public void onError(BiConsumer<String, Throwable> handler) {
        errors = handler;
    }

    private void drain() {
        for (Job j; (j = pending.getAndSet(null)) != null; ) {
            ContributionTable from = j.a;
            try {
                long t0 = System.nanoTime();
                Segmentation s = assign.run(j.a, j.params);
                double ms = (System.nanoTime() - t0) / 1e6;
                ui.execute(
                        () -> {
                            // An edit's update published newer contributions meanwhile: stale.
                            if (from == contributions.get()) apply(s, ms);
                        });
            } catch (RuntimeException | OutOfMemoryError e) {
                prepared = null; // what a failed preparation held goes; the next one starts anew
                ui.execute(
                        () -> {
                            if (from == contributions.get())
                                errors.accept("Assigning Gaussians to objects", e);
                        });
            }
        }
    }

    private Segmentation assignPrepared(ContributionTable a, AssignmentParams params) {
        if (prepared == null || prepared.table() != a) prepared = Assigner.prepare(a);
        return prepared.assign(params);
    }

    /**
     * Installs contributions updated by mask edits and their segmentation, assigned with {@code
     * used} (UI thread).
     */
    void publish(ContributionTable c, Segmentation s, AssignmentParams used, double ms) {
        if (contributions.get() == null) return; // the project closed or changed meanwhile
        contributions.set(c);
        ensureObjects(c.labels() - 1);
        apply(s, ms);
        // Gamma moved while the update ran: assign again with the current values.
        if (!used.equals(params())) reassign();
    }

    private void apply(Segmentation s, double ms) {
        assignMillis.set(ms);
        lifted.set(s);
        refine();
    }

    /**
     * Applies the hand edits and cleanup to the lift's result again: at once when there are none,
     * else on the worker, the newest request winning (UI thread).
     */
    public void refine() {
        Segmentation l = lifted.get();
        int ticket = ++refineTicket;
        if (l == null) return;
        Map<Integer, Double> clean = new java.util.TreeMap<>();
        for (LabelEntry e : objects)
            if (e.cleanProperty().get() > 0) clean.put(e.id(), e.cleanProperty().get());
        if (edits.isEmpty() && (clean.isEmpty() || scene == null)) {
            show(l);
            return;
        }
        Refine r = new Refine(ticket, l, contributions.get(), edits.snapshot(), scene, clean);
        if (pendingRefine.getAndSet(r) == null) worker.execute(this::drainRefine);
    }

    private void drainRefine() {
        for (Refine r; (r = pendingRefine.getAndSet(null)) != null; ) {
            Segmentation s;
            try {
                s =
                        org.flashsplat.select.Refinement.apply(
                                r.lifted, r.a, r.edits, r.scene, r.clean, 0);
            } catch (RuntimeException e) {
                System.getLogger("org.flashsplat.studio")
                        .log(System.Logger.Level.WARNING, "refining the segments", e);
                s = r.lifted;
            }
            Segmentation done = s;
            int ticket = r.ticket;
            ui.execute(
                    () -> {
                        if (ticket == refineTicket) show(done);
                    });
        }
    }

    private void show(Segmentation s) {
        segmentation.set(s);
        int[] counts = s.stats().objectCounts();
        double[] share = s.stats().objectShare();
        for (LabelEntry e : objects) {
            int k = e.id() - 1;
            e.countProperty().set(k < counts.length ? counts[k] : 0);
            e.shareProperty().set(k < share.length ? share[k] : Double.NaN);
        }
    }
}
