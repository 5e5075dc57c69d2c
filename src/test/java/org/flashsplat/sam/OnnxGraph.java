package org.flashsplat.sam;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A small ONNX graph written straight as protobuf (onnx.proto's ModelProto, GraphProto, NodeProto,
 * TensorProto, ValueInfoProto), so tests can make stand-in models without Python. Only what the
 * stand-ins need: float and int64 tensors, int/float/ints/string attributes.
 */
final class OnnxGraph {
    static final int FLOAT = 1;
    static final int INT64 = 7;

    private final List<byte[]> nodes = new ArrayList<>();
    private final List<byte[]> initializers = new ArrayList<>();
    private final List<byte[]> inputs = new ArrayList<>();
    private final List<byte[]> outputs = new ArrayList<>();
    private int counter;

    /** A graph input; a dimension under 0 is symbolic (named {@code d<index>}). */
    OnnxGraph input(String name, int type, long... dims) {
        inputs.add(valueInfo(name, type, dims));
        return this;
    }

    OnnxGraph output(String name, int type, long... dims) {
        outputs.add(valueInfo(name, type, dims));
        return this;
    }

    String floats(float[] values, long... dims) {
        String name = "c" + counter++;
        Proto t = new Proto();
        for (long d : dims) t.varint(1, d);
        t.varint(2, FLOAT);
        t.string(8, name);
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        t.bytes(9, b.array());
        initializers.add(t.toBytes());
        return name;
    }

    String scalar(float value) {
        return floats(new float[] {value});
    }

    String longs(long... values) {
        String name = "c" + counter++;
        Proto t = new Proto();
        t.varint(1, values.length);
        t.varint(2, INT64);
        t.string(8, name);
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        t.bytes(9, b.array());
        initializers.add(t.toBytes());
        return name;
    }

    /** Adds a node with one output, named here, and returns that name. */
    String op(String type, List<Object> attributes, String... in) {
        String out = "t" + counter++;
        opInto(out, type, attributes, in);
        return out;
    }

    String op(String type, String... in) {
        return op(type, List.of(), in);
    }

    /**
     * Adds a node writing a given output name. Attributes come as name, value pairs: Long, Float,
     * String or long[].
     */
    void opInto(String out, String type, List<Object> attributes, String... in) {
        Proto n = new Proto();
        for (String i : in) n.string(1, i);
        n.string(2, out);
        n.string(3, "n" + counter++);
        n.string(4, type);
        for (int i = 0; i < attributes.size(); i += 2) {
            String name = (String) attributes.get(i);
            Object v = attributes.get(i + 1);
            Proto a = new Proto();
            a.string(1, name);
            switch (v) {
                case Long l -> {
                    a.varint(3, l);
                    a.varint(20, 2);
                }
                case Integer l -> {
                    a.varint(3, l);
                    a.varint(20, 2);
                }
                case Float f -> {
                    a.fixed32(2, Float.floatToIntBits(f));
                    a.varint(20, 1);
                }
                case String s -> {
                    a.bytes(4, s.getBytes(StandardCharsets.UTF_8));
                    a.varint(20, 3);
                }
                case long[] ls -> {
                    for (long l : ls) a.varint(8, l);
                    a.varint(20, 7);
                }
                default -> throw new IllegalArgumentException("attribute " + v);
            }
            n.message(5, a);
        }
        nodes.add(n.toBytes());
    }

    byte[] toModel(String graphName) {
        Proto g = new Proto();
        for (byte[] n : nodes) g.bytes(1, n);
        g.string(2, graphName);
        for (byte[] t : initializers) g.bytes(5, t);
        for (byte[] i : inputs) g.bytes(11, i);
        for (byte[] o : outputs) g.bytes(12, o);
        Proto opset = new Proto();
        opset.string(1, "");
        opset.varint(2, 17);
        Proto m = new Proto();
        m.varint(1, 8); // IR version 8 goes with opset 17
        m.string(2, "flashsplat-tests");
        m.bytes(7, g.toBytes());
        m.message(8, opset);
        return m.toBytes();
    }

    private static byte[] valueInfo(String name, int type, long... dims) {
        Proto shape = new Proto();
        for (int i = 0; i < dims.length; i++) {
            Proto d = new Proto();
            if (dims[i] >= 0) d.varint(1, dims[i]);
            else d.string(2, name + "_d" + i);
            shape.message(1, d);
        }
        Proto tensor = new Proto();
        tensor.varint(1, type);
        tensor.message(2, shape);
        Proto tp = new Proto();
        tp.message(1, tensor);
        Proto vi = new Proto();
        vi.string(1, name);
        vi.message(2, tp);
        return vi.toBytes();
    }

    /** Protobuf wire format: varints, 32-bit fixed and length-delimited fields. */
    private static final class Proto {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void varint(int field, long value) {
            raw((field << 3));
            raw(value);
        }

        void fixed32(int field, int bits) {
            raw((field << 3) | 5);
            for (int i = 0; i < 4; i++) out.write(bits >>> (8 * i));
        }

        void bytes(int field, byte[] b) {
            raw((field << 3) | 2);
            raw(b.length);
            out.writeBytes(b);
        }

        void string(int field, String s) {
            bytes(field, s.getBytes(StandardCharsets.UTF_8));
        }

        void message(int field, Proto p) {
            bytes(field, p.toBytes());
        }

        private void raw(long v) {
            while ((v & ~0x7fL) != 0) {
                out.write((int) ((v & 0x7f) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }

        byte[] toBytes() {
            return out.toByteArray();
        }
    }
}
