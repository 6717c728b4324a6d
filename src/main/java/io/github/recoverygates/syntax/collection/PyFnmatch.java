package io.github.recoverygates.syntax.collection;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Python's {@code fnmatch} as pytest uses it: {@code *} matches any characters including '/',
 * {@code ?} one character, {@code [seq]} / {@code [!seq]} a set. Case-sensitive, as on POSIX.
 */
final class PyFnmatch {
    private PyFnmatch() {
    }

    static boolean matches(String pattern, String name) {
        return compile(pattern).matcher(name).matches();
    }

    private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();

    /** The pattern for {@code pattern}; compiled once, since the same few globs meet every file. */
    static Pattern compile(String pattern) {
        return CACHE.computeIfAbsent(pattern, p -> Pattern.compile(regex(p, ".*", "."), Pattern.DOTALL));
    }

    /**
     * Python's {@code glob.glob(pattern, recursive=True)} over '/'-separated relative paths:
     * wildcards stay within a segment and skip names starting with '.', {@code **} spans
     * any number of directories.
     */
    static Pattern pathGlob(String pattern) {
        String[] segs = pattern.split("/+");
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < segs.length; i++) {
            String seg = segs[i];
            boolean last = i == segs.length - 1;
            if (seg.equals("**")) {
                if (!last) {
                    re.append("(?:[^/.][^/]*/)*");
                } else if (i == 0) {
                    re.append("(?:[^/.][^/]*(?:/[^/.][^/]*)*)?");
                } else {
                    re.setLength(re.length() - 1);
                    re.append("(?:/[^/.][^/]*)*");
                }
                continue;
            }
            if (!seg.startsWith(".") && (seg.startsWith("*") || seg.startsWith("?") || seg.startsWith("["))) {
                re.append("(?=[^.])");
            }
            re.append(regex(seg, "[^/]*", "[^/]"));
            if (!last) {
                re.append('/');
            }
        }
        return Pattern.compile(re.toString());
    }

    private static String regex(String pattern, String star, String one) {
        StringBuilder re = new StringBuilder();
        int n = pattern.length();
        for (int i = 0; i < n; i++) {
            char c = pattern.charAt(i);
            if (c == '*') {
                re.append(star);
            } else if (c == '?') {
                re.append(one);
            } else if (c == '[') {
                int j = i + 1;
                if (j < n && pattern.charAt(j) == '!') {
                    j++;
                }
                if (j < n && pattern.charAt(j) == ']') {
                    j++;
                }
                while (j < n && pattern.charAt(j) != ']') {
                    j++;
                }
                if (j >= n) {
                    re.append("\\[");
                } else {
                    String body = pattern.substring(i + 1, j);
                    StringBuilder cls = new StringBuilder("[");
                    int k = 0;
                    if (body.startsWith("!")) {
                        cls.append('^');
                        k = 1;
                    } else if (body.startsWith("^")) {
                        cls.append("\\^");
                        k = 1;
                    }
                    for (; k < body.length(); k++) {
                        char b = body.charAt(k);
                        if (b == '\\' || b == '[' || b == ']' || b == '&' || b == '^') {
                            cls.append('\\');
                        }
                        cls.append(b);
                    }
                    re.append(cls).append(']');
                    i = j;
                }
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }

    /**
     * pytest's {@code fnmatch_ex}: a pattern without '/' matches the last path segment; one with
     * '/' matches the whole path, with an implicit {@code *}{@code /} in front of a relative pattern.
     */
    static boolean matchesPath(String pattern, String absolutePath) {
        if (pattern.indexOf('/') < 0) {
            int slash = absolutePath.lastIndexOf('/');
            return matches(pattern, absolutePath.substring(slash + 1));
        }
        String p = pattern.startsWith("/") ? pattern : "*/" + pattern;
        return matches(p, absolutePath);
    }

    /** Whether a pytest name option (prefixes, or globs when they contain * ? [) accepts {@code name}. */
    static boolean matchesPrefixOrGlob(java.util.List<String> options, String name) {
        for (String option : options) {
            if (name.startsWith(option)) {
                return true;
            }
            boolean glob = option.indexOf('*') >= 0 || option.indexOf('?') >= 0 || option.indexOf('[') >= 0;
            if (glob && matches(option, name)) {
                return true;
            }
        }
        return false;
    }
}
