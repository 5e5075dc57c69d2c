package org.flashsplat.studio.sam;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.beans.InvalidationListener;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.flashsplat.core.InputException;
import org.flashsplat.sam.EmbeddingCache;
import org.flashsplat.sam.ImageEmbedding;
import org.flashsplat.sam.SamMask;
import org.flashsplat.sam.SamModel;
import org.flashsplat.sam.SamPrompt;
import org.flashsplat.studio.model.ViewItem;
import org.flashsplat.studio.model.ViewMask;

/**
 * The SAM tool: clicks and a box on the selected view become a proposed mask, which Enter writes
 * into the view's mask as one undo step. The view's picture is embedded once, in the background,
 * and kept on disk ({@link EmbeddingCache}), so later clicks only run the small decoder. Work runs
 * on {@code worker}; results come back through {@code ui}, and a result made for a view or prompt
 * that has since changed is dropped.
 */
public final class SamToolViewModel implements AutoCloseable {
    /** Where the chosen model folder is remembered between sessions. */
    public interface ModelMemory {
        Path recall();

        void remember(Path folder);
    }

    static final String NO_MODEL =
            "No SAM model: choose a folder with encoder.onnx and decoder.onnx (segment-anything's"
                    + " ONNX export, or samexporter's for SAM, MobileSAM, EfficientSAM, EdgeSAM)";

    private final Executor ui, worker;
    private final EmbeddingCache cache;
    private final ModelMemory memory;
    private final ObjectProperty<SamModel> model = new SimpleObjectProperty<>();
    private final StringProperty status = new SimpleStringProperty(NO_MODEL);
    private final BooleanProperty embedded = new SimpleBooleanProperty();
    private final ObservableList<SamPrompt.Point> points = FXCollections.observableArrayList();
    private final ObjectProperty<SamPrompt.Box> box = new SimpleObjectProperty<>();
    private final ObjectProperty<SamMask> proposal = new SimpleObjectProperty<>();
    private final AtomicInteger viewTicket = new AtomicInteger(),
            promptTicket = new AtomicInteger();
    private final InvalidationListener pictureChanged = o -> embedCurrent();
    private ViewItem view;
    private ImageEmbedding embedding;

    public SamToolViewModel(Executor ui, Executor worker, Path cacheFolder, ModelMemory memory) {
        this.ui = ui;
        this.worker = worker;
        this.cache = new EmbeddingCache(cacheFolder);
        this.memory = memory;
    }

    /** Embeddings are kept per user, keyed by content, so every project shares them. */
    public static Path cacheFolder() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base =
                xdg != null && !xdg.isBlank()
                        ? Path.of(xdg)
                        : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("flashsplat").resolve("sam-embeddings");
    }

    /** Follows the studio's selected view (and its picture, which loads after it is selected). */
    public void follow(ReadOnlyObjectProperty<ViewItem> current) {
        current.addListener((o, was, now) -> show(now));
        show(current.get());
    }

    /** Opens the remembered model, if any (in the background). */
    public void openRemembered() {
        Path p = memory.recall();
        if (p != null) chooseModel(p);
    }

    /** Opens a model folder in the background; a broken one is reported in one line. */
    public void chooseModel(Path folder) {
        status.set("Opening SAM model " + folder.getFileName() + "...");
        worker.execute(
                () -> {
                    try {
                        SamModel m = SamModel.open(folder);
                        ui.execute(
                                () -> {
                                    SamModel old = model.get();
                                    model.set(m);
                                    memory.remember(folder);
                                    if (old != null) old.close();
                                    embedCurrent();
                                });
                    } catch (InputException e) {
                        ui.execute(() -> status.set(e.userMessage()));
                    }
                });
    }

    void show(ViewItem v) {
        if (view != null) view.pictureProperty().removeListener(pictureChanged);
        view = v;
        if (v != null) v.pictureProperty().addListener(pictureChanged);
        embedCurrent();
    }

    private void embedCurrent() {
        int ticket = viewTicket.incrementAndGet();
        embedding = null;
        embedded.set(false);
        clearPrompt();
        SamModel m = model.get();
        if (m == null) {
            status.set(NO_MODEL);
            return;
        }
        ViewItem v = view;
        int[] argb = v == null ? null : v.pictureProperty().get();
        if (argb == null) {
            status.set(v == null ? "No view selected" : "Waiting for the view's picture...");
            return;
        }
        int w = v.camera().width(), h = v.camera().height();
        status.set("Embedding " + v.name() + " for SAM...");
        worker.execute(
                () -> {
                    try {
                        ImageEmbedding e = cache.embed(m, argb, w, h);
                        ui.execute(
                                () -> {
                                    if (viewTicket.get() != ticket) return;
                                    embedding = e;
                                    embedded.set(true);
                                    status.set(
                                            "SAM ready: click the object (right or Alt-click: not it; drag: box)");
                                    decode();
                                });
                    } catch (Exception e) {
                        ui.execute(
                                () ->
                                        status.set(
                                                "SAM could not embed "
                                                        + v.name()
                                                        + ": "
                                                        + e.getMessage()));
                    }
                });
    }

    /** A click in mask pixels: on the object (positive) or not on it. */
    public void addPoint(double x, double y, boolean positive) {
        points.add(new SamPrompt.Point((float) x, (float) y, positive));
        decode();
    }

    /** A box in mask pixels (corners in any order). */
    public void setBox(double x0, double y0, double x1, double y1) {
        box.set(new SamPrompt.Box((float) x0, (float) y0, (float) x1, (float) y1));
        decode();
    }

    /** Forgets the clicks, the box and the proposal. */
    public void clearPrompt() {
        promptTicket.incrementAndGet();
        points.clear();
        box.set(null);
        proposal.set(null);
    }

    private void decode() {
        int ticket = promptTicket.incrementAndGet();
        if (points.isEmpty() && box.get() == null) {
            proposal.set(null);
            return;
        }
        ImageEmbedding e = embedding;
        SamModel m = model.get();
        if (e == null || m == null) return; // decoded once the embedding arrives
        SamPrompt prompt = SamPrompt.of(List.copyOf(points), box.get());
        worker.execute(
                () -> {
                    try {
                        SamMask mask = m.predict(e, prompt);
                        ui.execute(
                                () -> {
                                    if (promptTicket.get() == ticket) proposal.set(mask);
                                });
                    } catch (RuntimeException x) {
                        ui.execute(() -> status.set("SAM failed: " + x.getMessage()));
                    }
                });
    }

    /**
     * Writes the proposal into the view's mask with {@code label}, as one undo step; returns false
     * when there is nothing to write.
     */
    public boolean commit(int label) {
        SamMask p = proposal.get();
        ViewItem v = view;
        if (p == null || v == null || label <= 0) return false;
        ViewMask mask = v.mask();
        if (mask.width() != p.width() || mask.height() != p.height()) return false;
        int n = p.area();
        int[] index = new int[n], after = new int[n];
        for (int i = 0, k = 0; i < p.mask().length; i++) {
            if (p.mask()[i]) {
                index[k] = i;
                after[k++] = label;
            }
        }
        mask.patch("SAM", index, after, ViewMask.Status.EDITED);
        clearPrompt();
        return true;
    }

    public ObjectProperty<SamModel> modelProperty() {
        return model;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public BooleanProperty embeddedProperty() {
        return embedded;
    }

    public ObservableList<SamPrompt.Point> points() {
        return points;
    }

    public ObjectProperty<SamPrompt.Box> boxProperty() {
        return box;
    }

    public ObjectProperty<SamMask> proposalProperty() {
        return proposal;
    }

    @Override
    public void close() {
        SamModel m = model.get();
        if (m != null) m.close();
    }
}
