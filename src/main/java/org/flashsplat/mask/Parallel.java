package org.flashsplat.mask;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import org.flashsplat.core.CancelledException;
import org.flashsplat.core.Progress;

/**
 * Runs independent per-file work on a bounded pool. Results are written by index, so they do not
 * depend on scheduling; progress is reported from the calling thread in index order, so a {@link
 * Progress} implementation need not be thread-safe.
 */
final class Parallel {
    private final int threads;

    Parallel(int threads) {
        this.threads = Math.max(1, threads);
    }

    static Parallel defaults() {
        // Decoding is CPU-bound and each task holds a decoded image: more threads than cores only
        // costs memory.
        return new Parallel(Math.min(8, Runtime.getRuntime().availableProcessors()));
    }

    void forEach(int n, IntConsumer body) {
        forEach(n, body, Progress.NONE);
    }

    void forEach(int n, IntConsumer body, Progress progress) {
        if (n == 0) return;
        if (threads == 1 || n == 1) {
            for (int i = 0; i < n; i++) {
                progress.checkCancelled();
                body.accept(i);
                progress.advance(1);
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, n), daemon());
        List<Future<?>> futures = new ArrayList<>(n);
        try {
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> body.accept(index)));
            }
            for (Future<?> f : futures) {
                if (progress.isCancelled()) throw new CancelledException();
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) throw r;
                    if (e.getCause() instanceof Error err) throw err;
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancelledException();
                }
                progress.advance(1);
            }
        } finally {
            for (Future<?> f : futures) f.cancel(true);
            pool.shutdownNow();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        return r -> {
            Thread t = new Thread(r, "mask-decode");
            t.setDaemon(true);
            return t;
        };
    }
}
