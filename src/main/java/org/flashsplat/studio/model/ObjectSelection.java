package org.flashsplat.studio.model;

import javafx.collections.ObservableSet;

/**
 * The objects picked for showing and exporting, and the overlap pair highlighted: what the
 * segments' list and overlap matrix change and the preview shows, without either knowing the other.
 */
public interface ObjectSelection {
    /** Selected object ids. */
    ObservableSet<Integer> selected();

    /** Highlights the Gaussians in both a and b; the same pair again clears it. */
    void toggleHighlight(int a, int b);
}
