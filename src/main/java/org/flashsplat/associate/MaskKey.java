package org.flashsplat.associate;

/** A local mask: view index and the mask's local ID in that view. */
public record MaskKey(int view, int local) implements Comparable<MaskKey> {
    @Override
    public int compareTo(MaskKey o) {
        return view != o.view ? Integer.compare(view, o.view) : Integer.compare(local, o.local);
    }
}
