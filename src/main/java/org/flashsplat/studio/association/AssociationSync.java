package org.flashsplat.studio.association;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.scene.paint.Color;
import org.flashsplat.associate.Instance;
import org.flashsplat.studio.StudioViewModel;
import org.flashsplat.studio.model.LabelEntry;
import org.flashsplat.studio.model.ViewMask.Status;

/**
 * Keeps the studio in step with the association table: the segments' objects take the instances'
 * names and colours, and the pixels of moved local masks are rewritten in the studio's masks (found
 * on a worker, written on the UI thread per view, which the live update of the segments then
 * re-lifts; the association view's undo, not the main window's, takes them back).
 */
final class AssociationSync implements AutoCloseable {
    private final StudioViewModel studio;
    private final ExecutorService worker =
            Executors.newSingleThreadExecutor(
                    r -> {
                        Thread t = new Thread(r, "association-masks");
                        t.setDaemon(true);
                        return t;
                    });
    private final IntegerProperty pending = new SimpleIntegerProperty();
    private LocalMasks locals;
    private int generation; // rewrites found for an earlier association are dropped

    AssociationSync(StudioViewModel studio) {
        this.studio = studio;
    }

    /** A new association (null: none) reads its local masks from {@code l} (UI thread). */
    void reset(LocalMasks l) {
        generation++;
        locals = l;
    }

    /** The segments' object of an instance takes its name and colour. */
    void object(Instance i) {
        studio.segments().ensureObjects(i.id());
        LabelEntry e = studio.segments().object(i.id());
        e.retiredProperty().set(false); // back after an undo of its merge or delete
        e.nameProperty().set(i.name());
        int c = i.colour();
        e.colorProperty().set(Color.rgb((c >> 16) & 0xff, (c >> 8) & 0xff, c & 0xff));
    }

    /**
     * Rewrites the pixels of the moved masks: {@code moved} maps view -> (local ID -> {old
     * instance, new instance}). Rewrites apply in the order asked (one worker, then the UI thread's
     * queue).
     */
    void writeMasks(Map<Integer, Map<Integer, int[]>> moved, String what) {
        int g = generation;
        LocalMasks l = locals;
        if (l == null) return;
        pending.set(pending.get() + 1);
        worker.execute(
                () -> {
                    List<LocalMasks.Patch> patches = new ArrayList<>();
                    RuntimeException failed = null;
                    try {
                        moved.forEach((v, map) -> patches.add(l.patch(v, map)));
                    } catch (RuntimeException e) {
                        failed = e;
                    }
                    RuntimeException f = failed;
                    studio.ui.execute(() -> write(g, patches, f, what));
                });
    }

    private void write(int g, List<LocalMasks.Patch> patches, RuntimeException f, String what) {
        pending.set(pending.get() - 1);
        if (g != generation) return;
        if (f != null) {
            // The mask files changed or vanished since the import: the segments cannot follow.
            studio.live.markStale(null);
            studio.reportError("Association: rewriting the masks", f);
            return;
        }
        for (LocalMasks.Patch p : patches) {
            if (p.index().length == 0 || p.view() >= studio.views().size())
                continue; // no local mask: nothing of it in the studio
            studio.views()
                    .get(p.view())
                    .mask()
                    .followAssociation(
                            "association: " + what,
                            p.index(),
                            p.before(),
                            p.after(),
                            Status.EDITED);
        }
        studio.editing().updateHistory();
    }

    /** The local masks of the association shown, or null. */
    LocalMasks locals() {
        return locals;
    }

    /** Fixes whose masks are still being rewritten. */
    IntegerProperty pendingProperty() {
        return pending;
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
