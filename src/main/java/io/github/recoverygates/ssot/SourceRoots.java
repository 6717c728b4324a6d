package io.github.recoverygates.ssot;

import java.util.ArrayList;
import java.util.List;

/**
 * The config's {@code sourceRoots}, cleaned ("./src/" is "src", "." is "") and longest first: the
 * directories Python module names are relative to.
 */
record SourceRoots(List<String> roots) {

    SourceRoots {
        roots = List.copyOf(roots);
    }

    static SourceRoots of(List<String> configured) {
        List<String> roots = new ArrayList<>();
        for (String r : configured) {
            roots.add(r.equals(".") || r.equals("./") ? "" : r.replaceAll("^\\./", "").replaceAll("/+$", ""));
        }
        roots.sort((a, b) -> b.length() - a.length());
        return new SourceRoots(roots);
    }

    /** The dotted module name of a path without extension ("src/a/b" → "a.b" under the root "src"). */
    String dotted(String path) {
        for (String r : roots) {
            if (r.isEmpty()) {
                continue;
            }
            if (path.equals(r)) {
                return "";
            }
            if (path.startsWith(r + "/")) {
                return path.substring(r.length() + 1).replace('/', '.');
            }
        }
        return path.replace('/', '.');
    }
}
