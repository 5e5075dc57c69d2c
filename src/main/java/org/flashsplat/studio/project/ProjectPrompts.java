package org.flashsplat.studio.project;

import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/**
 * The questions a {@link ProjectSession} asks, answered on the UI thread (dialogs in the window's
 * {@code ProjectDialogs}; tests answer them directly).
 */
public interface ProjectPrompts {
    /** Times the questions show: local, to the minute ("2026-11-24 07:08"). */
    java.time.format.DateTimeFormatter TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                    .withZone(java.time.ZoneId.systemDefault());

    /**
     * "This project is open for writing in process 1234 on studio-pc since 2026-11-24 07:08": who
     * holds a project's lock, in the words of a question (the lock's own message is a command-line
     * one, with a nanosecond UTC time).
     */
    static String lockedMessage(org.flashsplat.project.ProjectLock.LockedException e) {
        var h = e.holder().orElse(null);
        if (h == null) return "This project is open for writing in another process";
        String since;
        try {
            since = " since " + TIME.format(java.time.Instant.parse(h.since()));
        } catch (RuntimeException bad) {
            since = ""; // an old or hand-edited lock file
        }
        return "This project is open for writing in process " + h.pid() + " on " + h.host() + since;
    }

    /** The answer to "unsaved changes": save them first, drop them, or stay. */
    enum Unsaved {
        SAVE,
        DISCARD,
        CANCEL
    }

    /** Without a window: never open read-only, always keep autosaved work, never switch away. */
    ProjectPrompts NONE =
            new ProjectPrompts() {
                @Override
                public boolean openReadOnly(Path folder, String message) {
                    return false;
                }

                @Override
                public boolean recover(Path folder, FileTime savedAt) {
                    return true;
                }
            };

    /** The project is open for writing elsewhere: true opens it read-only, false cancels. */
    boolean openReadOnly(Path folder, String message);

    /** Work autosaved at {@code savedAt} was never saved: true recovers it, false discards it. */
    boolean recover(Path folder, FileTime savedAt);

    /**
     * The project has unsaved changes and the studio is about to show something else or close. SAVE
     * on a read-only project saves as a new project in {@link #saveAsFolder}. Without a window:
     * CANCEL, so nothing is lost or written unasked.
     */
    default Unsaved unsavedChanges(Path folder, boolean readOnly) {
        return Unsaved.CANCEL;
    }

    /** A folder for a new project (save as), null when cancelled. */
    default Path saveAsFolder() {
        return null;
    }
}
