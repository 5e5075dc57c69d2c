package org.flashsplat.select;

/**
 * One undoable step of 3D selection: the selected Gaussians added to or removed from an object. It
 * stores only the diff (each touched Gaussian's forced state before), so undo restores exactly what
 * was there, including Gaussians the lift had put in already.
 */
public final class SelectionEdit {
    /** What to do with the selection. */
    public enum Kind {
        ADD,
        REMOVE
    }

    private final Kind kind;
    private final int object;
    private final int[] gaussians;
    private final byte[] before;

    private SelectionEdit(Kind kind, int object, int[] gaussians) {
        this.kind = kind;
        this.object = object;
        this.gaussians = gaussians.clone();
        this.before = new byte[gaussians.length];
    }

    /**
     * Adds (or removes) {@code gaussians} to object {@code object} (0-based) and returns the step.
     */
    public static SelectionEdit apply(
            MembershipOverrides o, Kind kind, int object, int[] gaussians) {
        SelectionEdit e = new SelectionEdit(kind, object, gaussians);
        e.redo(o);
        return e;
    }

    public void redo(MembershipOverrides o) {
        for (int j = 0; j < gaussians.length; j++) {
            before[j] = (byte) o.state(object, gaussians[j]);
            o.setState(object, gaussians[j], kind == Kind.ADD ? 1 : -1);
        }
    }

    public void undo(MembershipOverrides o) {
        for (int j = gaussians.length - 1; j >= 0; j--) o.setState(object, gaussians[j], before[j]);
    }

    public String description() {
        return (kind == Kind.ADD ? "add " : "remove ")
                + gaussians.length
                + " Gaussians "
                + (kind == Kind.ADD ? "to" : "from")
                + " object "
                + (object + 1);
    }
}
