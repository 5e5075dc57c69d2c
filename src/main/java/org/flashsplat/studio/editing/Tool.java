package org.flashsplat.studio.editing;

/** Mask drawing tools. */
public enum Tool {
    BRUSH("Brush", "B"),
    ERASER("Eraser", "E"),
    POLYGON("Polygon / lasso fill", "L"),
    FLOOD("Flood fill", "G"),
    PICK("Pick label", "I"),
    SAM("SAM: click the object", "S"),
    PAN("Pan", "H");

    public final String text;
    public final String key;

    Tool(String text, String key) {
        this.text = text;
        this.key = key;
    }
}
