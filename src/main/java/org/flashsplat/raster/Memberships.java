package org.flashsplat.raster;

/**
 * Which Gaussians belong to which of K objects: {@code member[k * count + i]} is 1 when Gaussian i
 * is in object k + 1. Objects may overlap. The layout is that of {@code segments.npy}.
 */
public record Memberships(int objects, int count, byte[] member) {
    public Memberships {
        if (member.length != (long) objects * count) {
            throw new IllegalArgumentException(
                    "memberships need " + (long) objects * count + " entries");
        }
    }

    public boolean contains(int object, int gaussian) {
        return member[object * count + gaussian] != 0;
    }
}
