package org.flashsplat.project;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Debounced background saving: the studio calls {@link #changed()} after every edit; the action
 * runs once the edits pause for {@code delay}, and at the latest {@code maxWait} after the first
 * unsaved edit, so a user dragging a slider for a minute still gets an autosave. The action runs on
 * one daemon thread, never on the caller's (the UI thread must not wait for a disk).
 */
public final class Autosaver implements AutoCloseable {
    /** What to run: write the autosave file. */
    @FunctionalInterface
    public interface Action {
        void save() throws IOException;
    }

    private final Action action;
    private final long delayNanos, maxWaitNanos;
    private final ScheduledExecutorService executor;
    private ScheduledFuture<?> pending;
    private long firstChange = -1;
    private volatile IOException lastError;
    private volatile long runs;

    public Autosaver(Action action, Duration delay, Duration maxWait) {
        this.action = action;
        this.delayNanos = delay.toNanos();
        this.maxWaitNanos = Math.max(delayNanos, maxWait.toNanos());
        this.executor =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "flashsplat-autosave");
                            t.setDaemon(true);
                            return t;
                        });
    }

    /** Two seconds after the last edit, at most twenty after the first. */
    public static Autosaver withDefaults(Action action) {
        return new Autosaver(action, Duration.ofSeconds(2), Duration.ofSeconds(20));
    }

    /** Notes an edit; (re)schedules the save. Cheap, callable from any thread. */
    public synchronized void changed() {
        if (executor.isShutdown()) return;
        long now = System.nanoTime();
        if (firstChange < 0) firstChange = now;
        long due = Math.min(now + delayNanos, firstChange + maxWaitNanos);
        if (pending != null) pending.cancel(false);
        pending = executor.schedule(this::run, Math.max(0, due - now), TimeUnit.NANOSECONDS);
    }

    /** Drops a scheduled save (after an explicit save, there is nothing to autosave). */
    public synchronized void cancel() {
        if (pending != null) pending.cancel(false);
        pending = null;
        firstChange = -1;
    }

    /** Runs a scheduled save now, on the caller's thread, and waits for it. */
    public void flush() throws IOException {
        boolean due;
        synchronized (this) {
            due = pending != null;
            cancel();
        }
        if (due) action.save();
    }

    /** Whether a save is scheduled. */
    public synchronized boolean isPending() {
        return pending != null;
    }

    /** How many background saves have run. */
    public long runs() {
        return runs;
    }

    /** The error of the last background save, if it failed (the UI shows it). */
    public Optional<IOException> lastError() {
        return Optional.ofNullable(lastError);
    }

    private void run() {
        synchronized (this) {
            pending = null;
            firstChange = -1;
        }
        try {
            action.save();
            lastError = null;
        } catch (IOException e) {
            lastError = e;
        } catch (RuntimeException e) {
            lastError = new IOException(e.getMessage(), e);
        }
        runs++;
    }

    /** Runs a pending save, then stops the thread. */
    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            executor.shutdown();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
