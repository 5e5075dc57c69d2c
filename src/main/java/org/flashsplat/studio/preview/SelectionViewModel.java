package org.flashsplat.studio.preview;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.flashsplat.camera.Camera;
import org.flashsplat.scene.GaussianScene;
import org.flashsplat.select.ScreenShapes;
import org.flashsplat.select.Selections;
import org.flashsplat.studio.model.LabelEntry;
import org.flashsplat.studio.segments.SegmentsViewModel;

/**
 * 3D selection of Gaussians in the preview, as in SuperSplat: a box or a sphere dragged out at the
 * pivot's depth, or a lasso through every depth; Shift adds to the selection, Ctrl takes away. The
 * selection can be added to the objects picked in the segments list, taken out of them, or made a
 * new object; each is one undo step of the objects' 3D edits. Selecting runs on its own thread over
 * every Gaussian, the newest request winning; only the result comes back to the UI thread.
 */
public final class SelectionViewModel implements AutoCloseable {
    /** What a primary-button drag in the preview does. */
    public enum Tool {
        ORBIT("Orbit"),
        BOX("Box"),
        SPHERE("Sphere"),
        LASSO("Lasso");

        public final String text;

        Tool(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** How a new shape combines with the selection there is. */
    public enum Combine {
        REPLACE,
        ADD,
        SUBTRACT
    }

    /** A shape to select with. */
    public sealed interface Shape {}

    public record BoxShape(ScreenShapes.Box box) implements Shape {}

    public record SphereShape(ScreenShapes.Sphere sphere) implements Shape {}

    /** A screen polygon in the pixels of {@code camera}. */
    public record LassoShape(Camera camera, double[] xs, double[] ys) implements Shape {}

    private record Request(
            int ticket, GaussianScene scene, Shape shape, Combine combine, int[] base) {}

    private final Executor ui;
    private final PreviewViewModel preview;
    private final SegmentsViewModel segments;
    private final ExecutorService worker =
            Executors.newSingleThreadExecutor(
                    r -> {
                        Thread t = new Thread(r, "select");
                        t.setDaemon(true);
                        return t;
                    });
    private final AtomicReference<Request> pending = new AtomicReference<>();
    private final ObjectProperty<Tool> tool = new SimpleObjectProperty<>(Tool.ORBIT);
    private final ObjectProperty<int[]> selection = new SimpleObjectProperty<>(new int[0]);
    private final IntegerProperty count = new SimpleIntegerProperty();
    private final StringProperty message = new SimpleStringProperty("");
    private int ticket; // UI thread: the newest request

    public SelectionViewModel(Executor ui, PreviewViewModel preview, SegmentsViewModel segments) {
        this.ui = ui;
        this.preview = preview;
        this.segments = segments;
        preview.sceneProperty().addListener(o -> clear()); // a new scene: nothing selected
    }

    /** Selects with {@code shape} (UI thread); the result arrives later, newest request first. */
    public void select(Shape shape, Combine combine) {
        GaussianScene s = preview.sceneProperty().get();
        if (s == null) return;
        Request r = new Request(++ticket, s, shape, combine, selection.get());
        if (pending.getAndSet(r) == null) worker.execute(this::drain);
    }

    /** A box from a screen rectangle in the pixels of the preview's current camera. */
    public void selectBox(double u0, double v0, double u1, double v1, Combine c) {
        Camera cam = preview.currentCamera();
        if (cam == null || preview.pivot() == null) return;
        select(
                new BoxShape(
                        ScreenShapes.box(
                                ScreenShapes.centred(cam),
                                preview.pivot(),
                                Math.min(u0, u1),
                                Math.min(v0, v1),
                                Math.max(u0, u1),
                                Math.max(v0, v1))),
                c);
    }

    /** A sphere centred at (u0, v0) reaching (u1, v1), preview pixels. */
    public void selectSphere(double u0, double v0, double u1, double v1, Combine c) {
        Camera cam = preview.currentCamera();
        if (cam == null || preview.pivot() == null) return;
        select(
                new SphereShape(
                        ScreenShapes.sphere(
                                ScreenShapes.centred(cam), preview.pivot(), u0, v0, u1, v1)),
                c);
    }

    /** A lasso through every depth, preview pixels. */
    public void selectLasso(double[] xs, double[] ys, Combine c) {
        Camera cam = preview.currentCamera();
        if (cam == null || xs.length < 3) return;
        select(new LassoShape(ScreenShapes.centred(cam), xs.clone(), ys.clone()), c);
    }

    private void drain() {
        for (Request r; (r = pending.getAndSet(null)) != null; ) {
            int[] picked =
                    switch (r.shape) {
                        case BoxShape b -> Selections.box(r.scene, b.box().min(), b.box().max());
                        case SphereShape s ->
                                Selections.sphere(
                                        r.scene, s.sphere().centre(), s.sphere().radius());
                        case LassoShape l -> Selections.lasso(r.scene, l.camera(), l.xs(), l.ys());
                    };
            int[] result =
                    switch (r.combine) {
                        case REPLACE -> picked;
                        case ADD -> union(r.base, picked);
                        case SUBTRACT -> minus(r.base, picked);
                    };
            BitSet marks = new BitSet(r.scene.count());
            for (int g : result) marks.set(g);
            int t = r.ticket;
            ui.execute(
                    () -> {
                        if (t == ticket) show(result, marks);
                    });
        }
    }

    private void show(int[] result, BitSet marks) {
        selection.set(result);
        count.set(result.length);
        preview.selectionMarksProperty().set(result.length == 0 ? null : marks);
        message.set(
                result.length == 0 ? "" : String.format("%,d Gaussians selected", result.length));
    }

    /** Nothing selected (and any request on the way dropped). */
    public void clear() {
        ticket++;
        show(new int[0], null);
    }

    /** Adds the selection to each object picked in the segments list. */
    public boolean addToObjects() {
        return edit(true);
    }

    /** Takes the selection out of each object picked in the segments list. */
    public boolean removeFromObjects() {
        return edit(false);
    }

    private boolean edit(boolean add) {
        int[] sel = selection.get();
        if (!ready(sel)) return false;
        List<Integer> ids = preview.selected().stream().sorted().toList();
        if (ids.isEmpty()) {
            message.set("Pick the object in the Segments list first");
            return false;
        }
        for (int id : ids) segments.edits().apply(add, id, sel);
        message.set(
                String.format(
                        "%s %,d Gaussians %s object%s %s",
                        add ? "Added" : "Removed",
                        sel.length,
                        add ? "to" : "from",
                        ids.size() > 1 ? "s" : "",
                        ids));
        return true;
    }

    /** Makes the selection a new object; returns it (null when there is nothing to make it of). */
    public LabelEntry newObject() {
        int[] sel = selection.get();
        if (!ready(sel)) return null;
        LabelEntry o = segments.edits().newObject(sel);
        message.set(String.format("New object %d of %,d Gaussians", o.id(), sel.length));
        return o;
    }

    private boolean ready(int[] sel) {
        if (segments.liftedProperty().get() == null) {
            message.set("Run accumulate first: selections edit its objects");
            return false;
        }
        if (sel.length == 0) {
            message.set("Nothing selected: drag a box, sphere or lasso in the preview");
            return false;
        }
        return true;
    }

    static int[] union(int[] a, int[] b) {
        int[] out = new int[a.length + b.length];
        int i = 0, j = 0, n = 0;
        while (i < a.length || j < b.length) {
            int v = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
            if (i < a.length && a[i] == v) i++;
            if (j < b.length && b[j] == v) j++;
            out[n++] = v;
        }
        return Arrays.copyOf(out, n);
    }

    static int[] minus(int[] a, int[] b) {
        int[] out = new int[a.length];
        int j = 0, n = 0;
        for (int v : a) {
            while (j < b.length && b[j] < v) j++;
            if (j >= b.length || b[j] != v) out[n++] = v;
        }
        return Arrays.copyOf(out, n);
    }

    public ObjectProperty<Tool> toolProperty() {
        return tool;
    }

    /** Selected Gaussians, ascending. */
    public ObjectProperty<int[]> selectionProperty() {
        return selection;
    }

    public IntegerProperty countProperty() {
        return count;
    }

    /** What the last selection or action did, or why it could not. */
    public StringProperty messageProperty() {
        return message;
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
