package io.github.recoverygates.render;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Links from reports to the checked source: a base URL (a blob URL such as
 * {@code https://github.com/o/r/blob/SHA}) or a template with {@code {file}} and {@code {line}},
 * joined with exactly one slash, every path segment percent-encoded, and only ever http(s).
 *
 * @param base   the base or template, or null for no links
 * @param prefix the checked root within the repository ({@code examples/monorepo/}), or ""
 */
public record Links(String base, String prefix) {

    public static final Links NONE = new Links(null, "");

    public Links {
        prefix = prefix == null || prefix.isEmpty() || prefix.equals("/") ? ""
                : (prefix.startsWith("/") ? prefix.substring(1) : prefix) + (prefix.endsWith("/") ? "" : "/");
    }

    /** Whether {@code url} is an absolute http(s) URL. */
    public static boolean isWeb(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            return scheme != null && uri.getHost() != null
                    && ("http".equals(scheme.toLowerCase(Locale.ROOT)) || "https".equals(scheme.toLowerCase(Locale.ROOT)));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** The link to {@code file} at {@code line} (0: the file), or empty when there are no links. */
    public Optional<String> to(String file, int line) {
        if (base == null || base.isBlank() || file == null || file.isBlank()) {
            return Optional.empty();
        }
        String path = encode(prefix + file);
        String url;
        if (base.contains("{file}")) {
            url = base.replace("{file}", path).replace("{line}", Integer.toString(Math.max(1, line)));
        } else {
            url = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/" + path
                    + (line > 0 ? "#L" + line : "");
        }
        return isWeb(url) ? Optional.of(url) : Optional.empty();
    }

    /** Each '/'-separated segment percent-encoded (spaces as %20). */
    static String encode(String path) {
        StringBuilder out = new StringBuilder();
        for (String segment : path.split("/", -1)) {
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return out.toString();
    }
}
