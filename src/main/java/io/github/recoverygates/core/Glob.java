package io.github.recoverygates.core;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A path glob over '/'-separated relative paths: {@code **} crosses directories ({@code **}{@code /x}
 * also matches {@code x} at the top), {@code *} and {@code ?} stay within one segment,
 * {@code {a,b}} and {@code [abc]} as usual. A glob without '/' matches the file name at any depth.
 */
public final class Glob {
    private final String text;
    private final Pattern pattern;

    private Glob(String text, Pattern pattern) {
        this.text = text;
        this.pattern = pattern;
    }

    public static Glob of(String glob) {
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
        return new Glob(glob, Pattern.compile(toRegex(g)));
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
        return pattern.matcher(relativePath).matches();
    }

    /** Whether everything below directory {@code dir} is matched, so a walk can skip it. */
    public boolean matchesDirectory(String dir) {
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
