package org.flashsplat.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ways to break a file, all driven by one seeded {@link Random} so that a failing case can be
 * reproduced from its seed: byte-level damage for any file, and token-level damage for text (a
 * number replaced by an extreme or malformed one, a string by control characters).
 */
final class Mutations {
    /** Numbers that have broken readers before: overflows, non-finite, non-decimal forms. */
    static final List<String> EVIL_NUMBERS =
            List.of(
                    "0",
                    "-1",
                    "1.5",
                    "65535",
                    "65536",
                    "2147483647",
                    "2147483648",
                    "4294967296",
                    "9223372036854775807",
                    "99999999999999999999999",
                    "1e308",
                    "1e-300",
                    "-1e308",
                    "NaN",
                    "Infinity",
                    "-Infinity",
                    "1.0f",
                    "0x1p3",
                    "1d",
                    "--5",
                    "");

    /** Text a terminal would act on if echoed raw. */
    static final String CONTROL = "\u001b[31mred\u001b[0m\u0007\r\n\u0000";

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");

    private Mutations() {}

    static byte[] flipBytes(byte[] in, Random r, int count) {
        byte[] out = in.clone();
        if (out.length == 0) return out;
        for (int i = 0; i < count; i++) out[r.nextInt(out.length)] ^= (byte) (1 + r.nextInt(255));
        return out;
    }

    static byte[] truncate(byte[] in, Random r) {
        return java.util.Arrays.copyOf(in, in.length == 0 ? 0 : r.nextInt(in.length));
    }

    static byte[] insertGarbage(byte[] in, Random r) {
        int at = in.length == 0 ? 0 : r.nextInt(in.length);
        byte[] junk = new byte[1 + r.nextInt(64)];
        r.nextBytes(junk);
        byte[] out = new byte[in.length + junk.length];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(junk, 0, out, at, junk.length);
        System.arraycopy(in, at, out, at + junk.length, in.length - at);
        return out;
    }

    /** One of the byte-level mutations, chosen by {@code r}. */
    static byte[] anyBytes(byte[] in, Random r) {
        return switch (r.nextInt(3)) {
            case 0 -> flipBytes(in, r, 1 + r.nextInt(8));
            case 1 -> truncate(in, r);
            default -> insertGarbage(in, r);
        };
    }

    /** Replaces the {@code k}-th number-looking token (k chosen by r) with an evil number. */
    static String replaceNumber(String text, Random r, int fromIndex) {
        Matcher m = NUMBER.matcher(text);
        List<int[]> spans = new ArrayList<>();
        while (m.find()) if (m.start() >= fromIndex) spans.add(new int[] {m.start(), m.end()});
        if (spans.isEmpty()) return text + "?";
        int[] s = spans.get(r.nextInt(spans.size()));
        String evil = EVIL_NUMBERS.get(r.nextInt(EVIL_NUMBERS.size()));
        return text.substring(0, s[0]) + evil + text.substring(s[1]);
    }

    /** Replaces a quoted JSON string value with control characters (escaped as JSON allows). */
    static String controlString(String json, Random r) {
        Matcher m = Pattern.compile("\"[^\"]*\"").matcher(json);
        List<int[]> spans = new ArrayList<>();
        while (m.find()) spans.add(new int[] {m.start(), m.end()});
        if (spans.isEmpty()) return json;
        int[] s = spans.get(r.nextInt(spans.size()));
        return json.substring(0, s[0]) + "\"\\u001b[31mred\\u0007\\r\\n\"" + json.substring(s[1]);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
