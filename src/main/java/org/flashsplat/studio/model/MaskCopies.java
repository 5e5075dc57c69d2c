package org.flashsplat.studio.model;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.flashsplat.core.CancelledException;
import org.flashsplat.core.Progress;
import org.flashsplat.mask.LabelMask;

/**
 * Copies of a view's mask for work off the UI thread. The UI thread owns the label array and paints
 * into it; a copy made elsewhere would race with a stroke and could catch half of it. So the copy
 * is made on the UI thread (one mask at a time, as the work reaches it, never all up front) while
 * the worker waits; the UI thread itself never waits.
 */
public final class MaskCopies {
    private MaskCopies() {}

    /** The committed labels of {@code m} ({@link ViewMask#snapshot()}), taken on {@code ui}. */
    public static LabelMask committed(Executor ui, ViewMask m, Progress progress) {
        CompletableFuture<LabelMask> copy = new CompletableFuture<>();
        ui.execute(
                () -> {
                    try {
                        copy.complete(m.snapshot());
                    } catch (RuntimeException e) {
                        copy.completeExceptionally(e);
                    }
                });
        while (true) {
            progress.checkCancelled();
            try {
                // A bounded wait so a cancelled job stops even while the UI thread is busy.
                return copy.get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // check for cancellation, then wait again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancelledException();
            } catch (ExecutionException e) {
                throw (RuntimeException) e.getCause();
            }
        }
    }
}
