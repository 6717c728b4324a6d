package io.github.recoverygates.core;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A path glob over '/'-separated relative paths: {@code **} crosses directories ({@code **}{@code /x}
 * also matches {@code x} at the top), {@code *} and {@code ?} stay within one segment,
 * {@code {a,b}} and {@code [abc]} as usual. A glob without '/' matches the file name at any depth.
 */
public final class Glob {
    private static final String WILD = "*?[]{}";

    private final String text;
    private final Pattern pattern;
    /** For {@code **}{@code /name/**}: the directory name; matched without a regex (the built-in excludes). */
    private final String dirName;
    /** For {@code **}{@code /*.ext}: the file name suffix; matched without a regex. */
    private final String suffix;
    /** For {@code **}{@code /*x*}{@code /**} ({@code dirPart}) or {@code **}{@code /*x/**} ({@code dirEnd}): a directory name part. */
    private final String dirPart;
    private final boolean dirEnd;

    private Glob(String text, Pattern pattern, String dirName, String suffix, String dirPart, boolean dirEnd) {
        this.text = text;
        this.pattern = pattern;
        this.dirName = dirName;
        this.suffix = suffix;
        this.dirPart = dirPart;
        this.dirEnd = dirEnd;
    }

    /** The glob {@code glob}; a malformed one (an unclosed '{') is a {@link ConfigException} saying where. */
    public static Glob of(String glob) {
        String problem = problem(glob);
        if (problem != null) {
            throw new ConfigException("glob '" + glob + "': " + problem);
        }
        String g = glob.strip();
        if (g.startsWith("./")) {
            g = g.substring(2);
        }
        if (g.endsWith("/")) {
            g = g + "**";
        }
        if (!g.contains("/")) {
            g = "**/" + g;
        }
        String dirName = null;
        String suffix = null;
        String dirPart = null;
        boolean dirEnd = false;
        String inner = g.startsWith("**/") && g.endsWith("/**") && g.length() > 6 ? g.substring(3, g.length() - 3) : null;
        if (inner != null && literalPath(inner)) {
            dirName = inner;
        } else if (inner != null && inner.length() > 2 && inner.startsWith("*") && inner.endsWith("*")
                && literal(inner.substring(1, inner.length() - 1))) {
            dirPart = inner.substring(1, inner.length() - 1);
        } else if (inner != null && inner.length() > 1 && inner.startsWith("*") && literal(inner.substring(1))) {
            dirPart = inner.substring(1);
            dirEnd = true;
        } else if (g.startsWith("**/*") && g.length() > 4 && literal(g.substring(4))) {
            suffix = g.substring(4);
        }
        return new Glob(glob, Pattern.compile(toRegex(g)), dirName, suffix, dirPart, dirEnd);
    }

    private static boolean literal(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (WILD.indexOf(s.charAt(i)) >= 0 || s.charAt(i) == '/') {
                return false;
            }
        }
        return !s.isEmpty();
    }

    /** Literal segments joined by single slashes, such as {@code tests/unit}. */
    private static boolean literalPath(String s) {
        for (String segment : s.split("/", -1)) {
            if (!literal(segment)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a directory segment (one followed by '/') contains {@code part}, or ends with it when {@code atEnd}. */
    private static boolean hasDirectoryPart(String path, String part, boolean atEnd) {
        int from = 0;
        while (true) {
            int i = path.indexOf(part, from);
            if (i < 0) {
                return false;
            }
            int end = i + part.length();
            if (atEnd ? end < path.length() && path.charAt(end) == '/' : path.indexOf('/', end) >= 0) {
                return true;
            }
            from = i + 1;
        }
    }

    private static boolean hasDirectory(String path, String name) {
        int from = 0;
        while (true) {
            int i = path.indexOf(name, from);
            if (i < 0) {
                return false;
            }
            int end = i + name.length();
            if ((i == 0 || path.charAt(i - 1) == '/') && end < path.length() && path.charAt(end) == '/') {
                return true;
            }
            from = i + 1;
        }
    }

    /** Checks a glob from a config; {@code where} (file:line: key) starts the message of a malformed one. */
    public static void check(String glob, String where) {
        String problem = problem(glob);
        if (problem != null) {
            throw new ConfigException(where + ": glob '" + glob + "': " + problem);
        }
    }

    /** What is wrong with a glob, or null. */
    static String problem(String glob) {
        if (glob == null || glob.isBlank()) {
            return "empty glob";
        }
        int open = -1;
        int depth = 0;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '{') {
                if (depth == 0) {
                    open = i;
                }
                depth++;
            } else if (c == '}' && depth > 0) {
                depth--;
            }
        }
        return depth > 0 ? "unclosed '{' at position " + (open + 1) + " (close it with '}')" : null;
    }

    public static List<Glob> all(List<String> globs) {
        return globs == null ? List.of() : globs.stream().map(Glob::of).toList();
    }

    public static boolean any(List<Glob> globs, String path) {
        for (Glob g : globs) {
            if (g.matches(path)) {
                return true;
            }
        }
        return false;
    }

    public boolean matches(String relativePath) {
        if (dirName != null) {
            return hasDirectory(relativePath, dirName);
        }
        if (dirPart != null) {
            return hasDirectoryPart(relativePath, dirPart, dirEnd);
        }
        if (suffix != null) {
            return relativePath.endsWith(suffix);
        }
        return pattern.matcher(relativePath).matches();
    }

    /**
     * Whether this glob matches only paths inside a directory it matches as a whole ({@code **}{@code /name/**}
     * and the like): a walk that skipped every such directory meets no file it matches.
     */
    public boolean directoryOnly() {
        return dirName != null || dirPart != null;
    }

    /** Whether everything below directory {@code dir} is matched, so a walk can skip it. */
    public boolean matchesDirectory(String dir) {
        if (dirName != null) {
            return hasDirectory(dir + "/", dirName);
        }
        if (dirPart != null) {
            return hasDirectoryPart(dir + "/", dirPart, dirEnd);
        }
        return pattern.matcher(dir + "/\u0001").matches();
    }

    @Override
    public String toString() {
        return text;
    }

    private static String toRegex(String g) {
        StringBuilder re = new StringBuilder();
        int braces = 0;
        for (int i = 0; i < g.length(); i++) {
            char c = g.charAt(i);
            switch (c) {
                case '*' -> {
                    if (i + 1 < g.length() && g.charAt(i + 1) == '*') {
                        boolean slashAfter = i + 2 < g.length() && g.charAt(i + 2) == '/';
                        if (slashAfter) {
                            re.append("(?:.*/)?");
                            i += 2;
                        } else {
                            re.append(".*");
                            i += 1;
                        }
                    } else {
                        re.append("[^/]*");
                    }
                }
                case '?' -> re.append("[^/]");
                case '{' -> {
                    re.append("(?:");
                    braces++;
                }
                case '}' -> {
                    if (braces > 0) {
                        re.append(')');
                        braces--;
                    } else {
                        re.append("\\}");
                    }
                }
                case ',' -> re.append(braces > 0 ? "|" : ",");
                case '[' -> {
                    int close = g.indexOf(']', i + 1);
                    if (close < 0) {
                        re.append("\\[");
                    } else {
                        String cls = g.substring(i + 1, close).replace("\\", "\\\\");
                        if (cls.startsWith("!")) {
                            cls = "^" + cls.substring(1);
                        }
                        re.append('[').append(cls).append(']');
                        i = close;
                    }
                }
                default -> {
                    if ("\\.^$+()|".indexOf(c) >= 0) {
                        re.append('\\');
                    }
                    re.append(c);
                }
            }
        }
        return re.toString();
    }
}
