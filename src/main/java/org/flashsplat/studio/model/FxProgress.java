package org.flashsplat.studio.model;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.flashsplat.core.Progress;

/**
 * {@link Progress} for the studio: work threads call it freely; the properties change on the UI
 * executor only, and at most one update is queued at a time however fast the work advances, so the
 * UI thread is never flooded.
 */
public final class FxProgress implements Progress {
    private final Executor ui;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicBoolean queued = new AtomicBoolean();
    private final AtomicLong done = new AtomicLong(), total = new AtomicLong();
    private volatile String phase = "", lastMessage = "";
    private volatile long startNanos = System.nanoTime();

    private final DoubleProperty fraction = new SimpleDoubleProperty(0);
    private final StringProperty text = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty cancelRequested = new SimpleBooleanProperty(false);

    public FxProgress(Executor ui) {
        this.ui = ui;
    }

    @Override
    public void begin(String phase, long totalSteps) {
        this.phase = phase;
        total.set(totalSteps);
        done.set(0);
        startNanos = System.nanoTime();
        post();
    }

    @Override
    public void advance(long steps) {
        done.addAndGet(steps);
        post();
    }

    @Override
    public void message(String text) {
        lastMessage = text;
        post();
    }

    @Override
    public boolean isCancelled() {
        return cancelled.get();
    }

    public void cancel() {
        cancelled.set(true);
        ui.execute(() -> cancelRequested.set(true));
    }

    /** 0..1, or -1 (indeterminate) while the total is unknown. */
    public DoubleProperty fractionProperty() {
        return fraction;
    }

    /** "accumulate: view 3 of 6, about 4 s left". */
    public StringProperty textProperty() {
        return text;
    }

    /** The last message the work sent (e.g. the backend in use). */
    public StringProperty messageProperty() {
        return message;
    }

    public BooleanProperty cancelRequestedProperty() {
        return cancelRequested;
    }

    private void post() {
        if (!queued.compareAndSet(false, true)) return;
        ui.execute(
                () -> {
                    queued.set(false);
                    long d = done.get(), t = total.get();
                    fraction.set(t > 0 ? Math.min(1, (double) d / t) : -1);
                    text.set(describe(phase, d, t, System.nanoTime() - startNanos));
                    message.set(lastMessage);
                });
    }

    static String describe(String phase, long done, long total, long elapsedNanos) {
        if (total <= 0) return phase;
        String s = phase + ": " + done + " of " + total;
        if (done > 0 && done < total) {
            double left = elapsedNanos / 1e9 / done * (total - done);
            s +=
                    left < 60
                            ? String.format(", about %.0f s left", Math.ceil(left))
                            : String.format(", about %.0f min left", Math.ceil(left / 60));
        }
        return s;
    }
}
