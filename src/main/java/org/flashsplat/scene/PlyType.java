package org.flashsplat.scene;

import java.util.Locale;

/**
 * The scalar types a PLY property can have, with their names in a header and their size in bytes.
 */
public enum PlyType {
    CHAR(1, "char", "int8"),
    UCHAR(1, "uchar", "uint8"),
    SHORT(2, "short", "int16"),
    USHORT(2, "ushort", "uint16"),
    INT(4, "int", "int32"),
    UINT(4, "uint", "uint32"),
    FLOAT(4, "float", "float32"),
    DOUBLE(8, "double", "float64");

    public final int bytes;
    public final String headerName;
    private final String altName;

    PlyType(int bytes, String headerName, String altName) {
        this.bytes = bytes;
        this.headerName = headerName;
        this.altName = altName;
    }

    /** The type named in a header, or null if the name is unknown. */
    public static PlyType parse(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (PlyType t : values()) {
            if (t.headerName.equals(n) || t.altName.equals(n)) return t;
        }
        return null;
    }

    public boolean isFloating() {
        return this == FLOAT || this == DOUBLE;
    }
}
