package org.flashsplat.core;

/**
 * How long work reports progress and learns that it was cancelled. The CLI prints it on the
 * console, the studio binds it to a progress bar; the work itself never knows which.
 */
public interface Progress {
    /** Starts a phase of {@code totalSteps} steps (0 when unknown). */
    void begin(String phase, long totalSteps);

    /** Marks {@code steps} more steps done. */
    void advance(long steps);

    /** A line worth showing the user (warnings, the backend in use). */
    void message(String text);

    boolean isCancelled();

    /**
     * Throws {@link CancelledException} when the user asked to stop; call it between units of work.
     */
    default void checkCancelled() {
        if (isCancelled()) throw new CancelledException();
    }

    /** A progress that shows nothing and is never cancelled. */
    Progress NONE =
            new Progress() {
                @Override
                public void begin(String phase, long totalSteps) {}

                @Override
                public void advance(long steps) {}

                @Override
                public void message(String text) {}

                @Override
                public boolean isCancelled() {
                    return false;
                }
            };
}
