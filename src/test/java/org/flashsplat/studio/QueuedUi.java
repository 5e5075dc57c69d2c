package org.flashsplat.studio;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * The view models' UI thread in tests without the toolkit: what they post runs on the test's own
 * thread while it waits, so a test sees exactly the order a real UI thread would.
 */
public final class QueuedUi implements Executor {
    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();

    @Override
    public void execute(Runnable r) {
        queue.add(r);
    }

    /** Runs what has been posted so far. */
    public void drain() {
        for (Runnable r; (r = queue.poll()) != null; ) r.run();
    }

    /** Runs posted work until the condition holds; fails after the given seconds. */
    public void await(BooleanSupplier done, int seconds) throws InterruptedException {
        long until = System.currentTimeMillis() + seconds * 1000L;
        while (!done.getAsBoolean()) {
            drain();
            if (System.currentTimeMillis() > until) throw new AssertionError("timed out");
            Thread.sleep(1);
        }
    }
}
