package org.flashsplat.cli;

import java.io.PrintStream;
import org.flashsplat.core.Progress;

/**
 * Progress on the console: on a terminal one line redrawn in place with the steps done and the time
 * left; otherwise (a pipe, a log, or --quiet) only the messages, plainly.
 */
public final class ConsoleProgress implements Progress {
    private final PrintStream out;
    private final boolean live;
    private final boolean quiet;
    private String phase = "";
    private long total, done, startNanos, lastDraw;
    private volatile boolean cancelled;

    public ConsoleProgress(PrintStream out, boolean quiet) {
        this.out = out;
        this.quiet = quiet;
        this.live = !quiet && System.console() != null && System.console().isTerminal();
    }

    @Override
    public synchronized void begin(String phase, long totalSteps) {
        endLine();
        this.phase = phase;
        this.total = totalSteps;
        this.done = 0;
        this.startNanos = System.nanoTime();
        draw(true);
    }

    @Override
    public synchronized void advance(long steps) {
        done += steps;
        draw(done >= total);
    }

    @Override
    public synchronized void message(String text) {
        if (quiet && !text.startsWith("warning")) return;
        endLine();
        out.println(org.flashsplat.core.Printable.lines(text)); // names from files: escaped
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    private void draw(boolean force) {
        if (!live) return;
        long now = System.nanoTime();
        if (!force && now - lastDraw < 100_000_000L) return;
        lastDraw = now;
        double elapsed = (now - startNanos) / 1e9;
        String left =
                done > 0 && total > done
                        ? String.format(", %.0f s left", elapsed / done * (total - done))
                        : "";
        out.print(String.format("\r%s: %d/%d%s   ", phase, done, total, left));
        out.flush();
    }

    private void endLine() {
        if (live && total > 0) {
            out.print("\r" + " ".repeat(60) + "\r");
            out.flush();
        }
    }
}
