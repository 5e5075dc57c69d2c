package org.flashsplat.studio.segments;

import java.util.BitSet;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.flashsplat.lift.Segmentation;
import org.flashsplat.raster.Memberships;
import org.flashsplat.scene.GaussianScene;
import org.flashsplat.select.MembershipOverrides;
import org.flashsplat.select.Refinement;
import org.flashsplat.studio.model.LabelEntry;

/**
 * Floater cleanup of one object, tried before it applies: moving the strength finds the floaters it
 * would remove (on a worker, the newest strength winning) for the preview to show in red; Apply
 * makes it the object's strength as one undo step, which exports and the project then use.
 */
public final class CleanupViewModel implements AutoCloseable {
    private final Executor ui;
    private final SegmentsViewModel segments;
    private final ExecutorService worker =
            Executors.newSingleThreadExecutor(
                    r -> {
                        Thread t = new Thread(r, "cleanup-preview");
                        t.setDaemon(true);
                        return t;
                    });
    private final AtomicReference<Request> pending = new AtomicReference<>();
    private final IntegerProperty object = new SimpleIntegerProperty();
    private final DoubleProperty strength = new SimpleDoubleProperty();
    private final ObjectProperty<BitSet> floaters = new SimpleObjectProperty<>();
    private final IntegerProperty floaterCount = new SimpleIntegerProperty(-1);
    private final BooleanProperty trying = new SimpleBooleanProperty();
    private int ticket; // UI thread: the newest request

    private record Request(
            int ticket,
            int object,
            double strength,
            Segmentation lifted,
            MembershipOverrides edits,
            GaussianScene scene) {}

    public CleanupViewModel(Executor ui, SegmentsViewModel segments) {
        this.ui = ui;
        this.segments = segments;
        object.addListener(o -> revert());
        strength.addListener(o -> tryStrength());
        segments.liftedProperty().addListener(o -> tryStrength());
        // An undo or redo of a strength: the slider shows the object's strength again.
        segments.edits().history().revisionProperty().addListener(o -> revert());
    }

    /** The strength the object has, and nothing tried (UI thread). */
    public void revert() {
        LabelEntry e = segments.object(object.get());
        strength.set(e == null ? 0 : e.cleanProperty().get());
        tryStrength();
    }

    /** Makes the tried strength the object's own (one undo step). */
    public void apply() {
        if (segments.object(object.get()) == null) return;
        segments.edits().setClean(object.get(), strength.get());
        tryStrength();
    }

    private void tryStrength() {
        int t = ++ticket;
        LabelEntry e = segments.object(object.get());
        Segmentation l = segments.liftedProperty().get();
        GaussianScene s = segments.scene();
        boolean differs = e != null && e.cleanProperty().get() != strength.get();
        trying.set(differs);
        if (!differs || l == null || s == null || strength.get() <= 0) {
            floaters.set(null);
            floaterCount.set(differs && strength.get() <= 0 ? 0 : -1);
            return;
        }
        Request r = new Request(t, object.get(), strength.get(), l, segments.edits().snapshot(), s);
        if (pending.getAndSet(r) == null) worker.execute(this::drain);
    }

    private void drain() {
        for (Request r; (r = pending.getAndSet(null)) != null; ) {
            // The object as it is before its own cleanup: the lift with the hand edits.
            Memberships m = r.edits.applyTo(r.lifted.memberships(), r.object);
            BitSet f = Refinement.floaters(r.scene, m, r.object - 1, r.strength);
            f.andNot(r.edits.forcedIn(r.object - 1)); // hand edits win, as in the segments
            int t = r.ticket;
            ui.execute(
                    () -> {
                        if (t != ticket) return;
                        floaters.set(f.isEmpty() ? null : f);
                        floaterCount.set(f.cardinality());
                    });
        }
    }

    /** The object tried (id; 0: none). */
    public IntegerProperty objectProperty() {
        return object;
    }

    /** The strength tried, 0..1. */
    public DoubleProperty strengthProperty() {
        return strength;
    }

    /** What the tried strength would remove (null: nothing, or not tried). */
    public ObjectProperty<BitSet> floatersProperty() {
        return floaters;
    }

    /** How many Gaussians the tried strength would remove; -1 while nothing is tried. */
    public IntegerProperty floaterCountProperty() {
        return floaterCount;
    }

    /** Whether the strength shown differs from the object's own (Apply has something to do). */
    public BooleanProperty tryingProperty() {
        return trying;
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
