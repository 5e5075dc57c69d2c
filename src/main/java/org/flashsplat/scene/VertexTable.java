package org.flashsplat.scene;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The vertex element of a PLY file as columns (structure of arrays): one primitive array per
 * property, in file order, in the property's own type (float[] for float, double[] for double,
 * int[] for every integer type), so a scene written back is byte-for-byte the scene read.
 */
public final class VertexTable {
    /** One named column. {@code data} is float[], double[] or int[] depending on {@code type}. */
    public record Column(String name, PlyType type, Object data) {
        public double get(int i) {
            return switch (data) {
                case float[] f -> f[i];
                case double[] d -> d[i];
                case int[] n -> type == PlyType.UINT ? Integer.toUnsignedLong(n[i]) : n[i];
                default -> throw new IllegalStateException("column " + name);
            };
        }

        /** The column as floats (a copy unless it is stored as floats). */
        public float[] asFloats() {
            if (data instanceof float[] f) return f;
            int n = length();
            float[] out = new float[n];
            for (int i = 0; i < n; i++) out[i] = (float) get(i);
            return out;
        }

        public int length() {
            return switch (data) {
                case float[] f -> f.length;
                case double[] d -> d.length;
                case int[] n -> n.length;
                default -> 0;
            };
        }

        /** A new column holding the rows {@code rows[0..count)} of this one. */
        public Column select(int[] rows, int count) {
            Object out =
                    switch (data) {
                        case float[] f -> {
                            float[] o = new float[count];
                            for (int i = 0; i < count; i++) o[i] = f[rows[i]];
                            yield o;
                        }
                        case double[] d -> {
                            double[] o = new double[count];
                            for (int i = 0; i < count; i++) o[i] = d[rows[i]];
                            yield o;
                        }
                        case int[] n -> {
                            int[] o = new int[count];
                            for (int i = 0; i < count; i++) o[i] = n[rows[i]];
                            yield o;
                        }
                        default -> throw new IllegalStateException("column " + name);
                    };
            return new Column(name, type, out);
        }

        /** Allocates an empty column of the storage that {@code type} uses. */
        public static Column allocate(String name, PlyType type, int count) {
            Object data =
                    switch (type) {
                        case FLOAT -> new float[count];
                        case DOUBLE -> new double[count];
                        default -> new int[count];
                    };
            return new Column(name, type, data);
        }
    }

    private final int count;
    private final List<Column> columns;
    private final Map<String, Column> byName = new LinkedHashMap<>();
    private final List<String> comments;

    public VertexTable(int count, List<Column> columns, List<String> comments) {
        this.count = count;
        this.columns = List.copyOf(columns);
        this.comments = List.copyOf(comments);
        for (Column c : columns) {
            if (c.length() != count) {
                throw new IllegalArgumentException(
                        "column " + c.name() + " has " + c.length() + " rows, not " + count);
            }
            byName.put(c.name(), c);
        }
    }

    public int count() {
        return count;
    }

    public List<Column> columns() {
        return columns;
    }

    /** Header comment lines (without the word "comment"), kept to write them back. */
    public List<String> comments() {
        return comments;
    }

    public Column column(String name) {
        return byName.get(name);
    }

    public boolean has(String name) {
        return byName.containsKey(name);
    }

    /** The table with only the given rows, in that order. */
    public VertexTable select(int[] rows, int rowCount) {
        List<Column> out = new ArrayList<>(columns.size());
        for (Column c : columns) out.add(c.select(rows, rowCount));
        return new VertexTable(rowCount, out, comments);
    }

    /** The table with only the rows where {@code keep} is true. */
    public VertexTable select(boolean[] keep) {
        int[] rows = new int[count];
        int n = 0;
        for (int i = 0; i < count; i++) if (keep[i]) rows[n++] = i;
        return select(rows, n);
    }

    /** The table with one more column appended (e.g. an int {@code label}). */
    public VertexTable withColumn(Column extra) {
        List<Column> out = new ArrayList<>(columns);
        out.removeIf(c -> c.name().equals(extra.name()));
        out.add(extra);
        return new VertexTable(count, out, comments);
    }

    public List<String> names() {
        List<String> n = new ArrayList<>();
        for (Column c : columns) n.add(c.name());
        return Collections.unmodifiableList(n);
    }
}
