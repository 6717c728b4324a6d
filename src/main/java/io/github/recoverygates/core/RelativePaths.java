package io.github.recoverygates.core;

import java.util.ArrayList;
import java.util.List;

/** Repository-relative paths as the gates keep them: '/'-separated, no leading slash, "" for the root. */
public final class RelativePaths {

    private RelativePaths() {
    }

    /** The directory holding {@code path}; "" for a top-level entry. */
    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** {@code rest} under {@code dir}, with exactly one slash between them. */
    public static String join(String dir, String rest) {
        return dir.isEmpty() ? rest : rest.isEmpty() ? dir : dir + "/" + rest;
    }

    /** Removes "." and ".." segments; null when the path climbs above the root. */
    public static String normalize(String path) {
        List<String> out = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (out.isEmpty()) {
                    return null;
                }
                out.remove(out.size() - 1);
            } else {
                out.add(part);
            }
        }
        return String.join("/", out);
    }
}
