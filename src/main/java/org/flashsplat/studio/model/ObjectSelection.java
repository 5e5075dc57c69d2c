package org.flashsplat.studio.model;

import javafx.beans.property.ReadOnlyIntegerProperty;
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

    /**
     * The highlighted pair's ids, 0 and 0 when none: whoever draws the pair follows these, since
     * the preview may clear the highlight itself (Preview > All, Clear highlight).
     */
    ReadOnlyIntegerProperty highlightAProperty();

    ReadOnlyIntegerProperty highlightBProperty();
}
