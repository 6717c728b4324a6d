package io.github.recoverygates.render;

/**
 * The console sink's escaper: the only code that makes untrusted text (file names, messages,
 * config values, service answers, command output) safe to print on stdout or stderr. Control
 * characters are shown visibly ({@code \n}, {@code \x1b}, …) so untrusted text stays on the line
 * we started, and a line that would begin with {@code ::} — the GitHub runner reads such a line,
 * leading blanks trimmed, as a workflow command — is prefixed so it cannot.
 */
public final class ConsoleText {

    /** What a line that would read as a workflow command gets in front. */
    static final String GUARD = "| ";

    private ConsoleText() {
    }

    /** Untrusted text as one line of visible characters. */
    public static String safe(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String visible = visible(c);
            if (visible != null && out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (out != null) {
                if (visible != null) {
                    out.append(visible);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? s : out.toString();
    }

    /** A whole line we print: never read as a workflow command. */
    public static String line(String s) {
        String text = s == null ? "" : s;
        int i = 0;
        while (i < text.length() && (Character.isWhitespace(text.charAt(i)) || Character.isSpaceChar(text.charAt(i)))) {
            i++;
        }
        return text.startsWith("::", i) ? GUARD + text : text;
    }

    /** Every line of a block we print: each guarded by {@link #line}. */
    public static String lines(String block) {
        StringBuilder out = new StringBuilder(block.length() + 16);
        for (String l : block.split("\n", -1)) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(line(l));
        }
        return out.toString();
    }

    private static String visible(char c) {
        switch (c) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            case 0x1b:
                return "\\x1b";
            default:
                break;
        }
        if (c < 0x20 || c == 0x7f) {
            return String.format("\\x%02x", (int) c);
        }
        // C1 controls, line/paragraph separators and bidirectional overrides change what a reader sees
        if ((c >= 0x80 && c <= 0x9f) || c == 0x2028 || c == 0x2029 || (c >= 0x202a && c <= 0x202e)
                || (c >= 0x2066 && c <= 0x2069) || c == 0x85) {
            return String.format("\\u%04x", (int) c);
        }
        return null;
    }
}
