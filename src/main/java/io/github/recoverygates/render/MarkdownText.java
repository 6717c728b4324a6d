package io.github.recoverygates.render;

/**
 * The Markdown sink's escaper (reports, GitHub step summary, summary.md, PR comments): Markdown and
 * HTML specials escaped (GitHub renders inline HTML), text kept on one line, table cells bounded,
 * code spans and fences that untrusted backticks cannot close, Mermaid labels that cannot break
 * out of their quotes.
 */
public final class MarkdownText {

    private static final int MAX_CELL = 500;

    private MarkdownText() {
    }

    /** Running text: escaped, on one line, at most 2,000 characters. */
    public static String inline(String s) {
        return s == null ? "" : escape(Wording.oneLine(s, 2000));
    }

    /** A table cell: escaped, '|' escaped, line breaks as {@code <br>}, bounded in length. */
    public static String cell(String s) {
        if (s == null) {
            return "";
        }
        String bounded = s.length() > MAX_CELL ? s.substring(0, MAX_CELL - 1) + "…" : s;
        return escape(bounded.strip()).replace("|", "\\|").replace("\r\n", "<br>").replace("\n", "<br>")
                .replace("\r", "<br>");
    }

    /** Text inside a code span: backticks cannot be escaped there, so they are replaced. */
    public static String code(String s) {
        return s == null ? "" : Wording.oneLine(s, 500).replace('`', '\'');
    }

    /** A fence longer than any run of backticks in {@code content}. */
    public static String fence(String content) {
        int longest = 0;
        int run = 0;
        for (char c : content.toCharArray()) {
            run = c == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return "`".repeat(Math.max(3, longest + 1));
    }

    /** A Mermaid node label inside double quotes: quotes, markup and '#' as Mermaid entity codes, one line. */
    public static String mermaidLabel(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (char c : ConsoleText.safe(s).toCharArray()) {
            switch (c) {
                case '#' -> out.append("#35;");
                case '"' -> out.append("#quot;");
                case '<' -> out.append("#lt;");
                case '>' -> out.append("#gt;");
                case '&' -> out.append("#amp;");
                case '`' -> out.append("#96;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\\', '`', '*', '_', '[', ']', '#', '~', '!' -> out.append('\\').append(c);
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' || c == 0x7f) {
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
