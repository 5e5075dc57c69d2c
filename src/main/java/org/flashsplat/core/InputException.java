package org.flashsplat.core;

import java.nio.file.Path;

/**
 * A problem with a user's input: names the file, the place in it and what is wrong, so a command
 * can print one line and exit with status 2 instead of a stack trace.
 */
public class InputException extends RuntimeException {
    private final Path file;
    private final String place;

    public InputException(Path file, String place, String what) {
        this(file, place, what, null);
    }

    public InputException(Path file, String place, String what, Throwable cause) {
        super(what, cause);
        this.file = file;
        this.place = place;
    }

    public Path file() {
        return file;
    }

    /** Line, byte offset, property or element; may be null. */
    public String place() {
        return place;
    }

    /**
     * The one line shown to the user: {@code file: place: what}, with control characters from the
     * file escaped (see {@link Printable}).
     */
    public String userMessage() {
        StringBuilder sb = new StringBuilder();
        if (file != null) sb.append(Printable.of(file.toString())).append(": ");
        if (place != null && !place.isEmpty()) sb.append(Printable.of(place)).append(": ");
        sb.append(Printable.of(getMessage()));
        return sb.toString();
    }

    @Override
    public String toString() {
        return userMessage();
    }
}
