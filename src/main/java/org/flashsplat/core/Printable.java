package org.flashsplat.core;

/**
 * Text from a file made safe to print on a terminal: control characters (escape sequences could
 * recolour the terminal, move the cursor or hide the rest of the line) are shown as {@code \\uXXXX}
 * and very long text is cut, so one bad file still gives one readable line.
 */
public final class Printable {
    /** Longest piece of a file's text echoed in a message. */
    public static final int MAX_CHARS = 1000;

    private Printable() {}

    /** As {@link #of}, but line breaks are kept (for text of several lines), and nothing is cut. */
    public static String lines(String text) {
        if (text == null) return null;
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\n' && isControl(c)) sb.append(String.format("\\u%04x", (int) c));
            else sb.append(c);
        }
        return sb.toString();
    }

    /** A writer that passes text on with control characters (but line breaks) escaped. */
    public static java.io.PrintWriter writer(java.io.Writer out) {
        return new java.io.PrintWriter(
                new java.io.FilterWriter(out) {
                    @Override
                    public void write(int c) throws java.io.IOException {
                        out.write(lines(String.valueOf((char) c)));
                    }

                    @Override
                    public void write(char[] cbuf, int off, int len) throws java.io.IOException {
                        out.write(lines(new String(cbuf, off, len)));
                    }

                    @Override
                    public void write(String str, int off, int len) throws java.io.IOException {
                        out.write(lines(str.substring(off, off + len)));
                    }
                },
                true);
    }

    private static boolean isControl(char c) {
        return (c < 0x20 && c != '\t')
                || c == 0x7f
                || (c >= 0x80 && c < 0xa0)
                || c == 0x2028
                || c == 0x2029;
    }

    public static String of(String text) {
        if (text == null) return null;
        StringBuilder sb = new StringBuilder(Math.min(text.length(), MAX_CHARS + 16));
        for (int i = 0; i < text.length(); i++) {
            if (sb.length() >= MAX_CHARS) {
                sb.append("... (").append(text.length() - i).append(" more characters)");
                break;
            }
            char c = text.charAt(i);
            if (c == '\t' || isControl(c)) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
