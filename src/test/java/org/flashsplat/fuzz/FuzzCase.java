package org.flashsplat.fuzz;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One malformed input and the command that reads it.
 *
 * @param root the case's own folder: the broken input is copied here and nothing else may change
 * @param out the output folder the command may write, or null
 * @param mustFail whether the input is certainly bad (exit 2 required) or may be accepted
 * @param names text the error line must contain (the broken file's name), when it fails
 * @param setup builds the case's files under root
 */
record FuzzCase(
        String kind,
        String label,
        Path root,
        Path out,
        boolean mustFail,
        String names,
        Setup setup,
        List<String> args) {

    @FunctionalInterface
    interface Setup {
        void make() throws IOException;
    }

    @Override
    public String toString() {
        return kind + ": " + label;
    }
}
