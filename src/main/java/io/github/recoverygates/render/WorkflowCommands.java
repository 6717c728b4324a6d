package io.github.recoverygates.render;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The GitHub Actions sink's escaper: workflow commands ({@code ::name key=value,…::data}) with the
 * runner's escaping — in data {@code %}, CR and LF percent-encoded, in property values also
 * {@code :} and {@code ,} — and other control characters shown visibly. The only code that
 * writes a line beginning with {@code ::}.
 */
public final class WorkflowCommands {

    private static final SecureRandom RANDOM = new SecureRandom();

    private WorkflowCommands() {
    }

    public static String escapeData(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '%' -> out.append("%25");
                case '\r' -> out.append("%0D");
                case '\n' -> out.append("%0A");
                case '\t' -> out.append(c);
                default -> out.append(ConsoleText.safe(String.valueOf(c)));
            }
        }
        return out.toString();
    }

    public static String escapeProperty(String s) {
        return escapeData(s).replace(":", "%3A").replace(",", "%2C");
    }

    /** One command line; properties in the map's iteration order, null or empty values left out. */
    public static String command(String name, Map<String, String> properties, String data) {
        StringBuilder s = new StringBuilder("::").append(name);
        StringJoiner props = new StringJoiner(",");
        properties.forEach((k, v) -> {
            if (v != null && !v.isEmpty()) {
                props.add(k + "=" + escapeProperty(v));
            }
        });
        if (props.length() > 0) {
            s.append(' ').append(props);
        }
        return s.append("::").append(escapeData(data)).toString();
    }

    /** A fresh token for {@code ::stop-commands::}; nothing from a pull request can know it. */
    public static String stopToken() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "rg-" + HexFormat.of().formatHex(bytes);
    }

    /**
     * {@code block} between {@code ::stop-commands::TOKEN} and {@code ::TOKEN::}: the runner runs no
     * command inside it, whatever the block holds. The token is checked not to occur in it.
     */
    public static String verbatim(String block) {
        String token = stopToken();
        while (block.contains(token)) {
            token = stopToken();
        }
        return "::stop-commands::" + token + "\n" + block + (block.endsWith("\n") ? "" : "\n") + "::" + token + "::";
    }
}
