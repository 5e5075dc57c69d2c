package org.flashsplat.core;

/** Thrown by long work when the user cancelled it through its {@link Progress}. */
public class CancelledException extends RuntimeException {
    public CancelledException() {
        super("cancelled");
    }
}
