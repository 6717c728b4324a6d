package io.github.recoverygates.render;

/**
 * The HTML sink's escaper (reports, the dashboard, the Jenkins fragment, SVG): text and
 * attribute values; characters HTML cannot carry become U+FFFD.
 */
public final class HtmlText {

    private HtmlText() {
    }

    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        if (plain(s)) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        s.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    boolean control = (c < 0x20 && c != '\n' && c != '\t' && c != '\r') || (c >= 0x7F && c <= 0x9F);
                    out.appendCodePoint(control ? 0xFFFD : c);
                }
            }
        });
        return out.toString();
    }

    /** Whether no char needs escaping or replacing (the common case). */
    private static boolean plain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 ? c != '\n' && c != '\t' && c != '\r'
                    : c == '&' || c == '<' || c == '>' || c == '"' || c == '\'' || (c >= 0x7F && c <= 0x9F)
                    || Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** A CSS class name made only of [a-z0-9-] from a value such as a state. */
    public static String cls(String s) {
        return s == null ? "" : s.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "");
    }
}
