package org.flashsplat.raster.cuda;

/**
 * One instance of an expensive device backend per process, shared by light sessions: the first
 * {@link #lease()} opens it, every later one borrows it, and the last lease closed closes it. So a
 * studio with a view renderer, a preview, a ranking, the live re-lift and a job running holds one
 * CUDA context, one module and one copy of the scene on the device, not five. Plain Java, so the
 * sharing is tested without a GPU.
 */
final class SharedBackend<B extends AutoCloseable> {
    /** Opens the backend, or says why it cannot. */
    @FunctionalInterface
    interface Opener<B> {
        B open() throws CudaUnavailableException;
    }

    private final Opener<B> opener;
    private B backend;
    // The open backend for readers that must not wait (the studio's status bar): a lease may hold
    // the lock for seconds while it opens the backend.
    private volatile B live;
    private int leases;
    private int opened;

    SharedBackend(Opener<B> opener) {
        this.opener = opener;
    }

    /** Borrows the backend, opening it if no session holds it. */
    synchronized Lease lease() throws CudaUnavailableException {
        if (backend == null) {
            backend = opener.open();
            live = backend;
            opened++;
        }
        leases++;
        return new Lease(backend);
    }

    /** The backend while any session holds it, else null; never opens it, never waits. */
    B current() {
        return live;
    }

    /** How many times a backend was opened (for tests and benchmarks). */
    synchronized int opened() {
        return opened;
    }

    private synchronized void release(B b) {
        if (b != backend || --leases > 0) return;
        backend = null;
        live = null;
        try {
            b.close();
        } catch (Exception e) {
            // closing: the driver reclaims what is left when the process ends
        }
    }

    /** One session's hold on the backend; closing it twice releases once. */
    final class Lease implements AutoCloseable {
        private final B backend;
        private boolean closed;

        private Lease(B backend) {
            this.backend = backend;
        }

        B get() {
            return backend;
        }

        @Override
        public void close() {
            synchronized (SharedBackend.this) {
                if (closed) return;
                closed = true;
                release(backend);
            }
        }
    }
}
