package io.github.recoverygates.syntax.collection;

import static io.github.recoverygates.core.RelativePaths.parent;
import java.nio.file.Path;
import java.util.List;

/** Path rules of pytest collection: which project owns a file, which files a testpath collects, directory helpers. */
final class CollectionPaths {

    static final List<String> DEFAULT_SCOPES = List.of("mission_critical", "integration", "unit");

    private CollectionPaths() {
    }

    /** The deepest project whose rootdir holds {@code path}. */
    static PytestProject owner(List<PytestProject> projects, String path) {
        PytestProject best = projects.get(0);
        for (PytestProject p : projects) {
            if (p.contains(path) && p.dir().length() > best.dir().length()) {
                best = p;
            }
        }
        return best;
    }

    /** Whether pytest, started in the project's rootdir, collects {@code path} as a test module from {@code arg}. */
    static boolean isCollected(Path absRoot, PytestProject project, String arg, String path) {
        if (path.equals(arg)) {
            return true;
        }
        if (!(arg.isEmpty() || path.startsWith(arg + "/"))) {
            return false;
        }
        if (norecursed(absRoot, project, arg, path)) {
            return false;
        }
        String abs = absRoot.toString().replace('\\', '/') + "/" + path;
        for (String pattern : project.pythonFiles()) {
            if (PyFnmatch.matchesPath(pattern, abs)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a directory strictly between {@code arg} and {@code path} is skipped by norecursedirs or __pycache__. */
    static boolean norecursed(Path absRoot, PytestProject project, String arg, String path) {
        String base = absRoot.toString().replace('\\', '/');
        String d = parent(path);
        while (!d.equals(arg) && (arg.isEmpty() ? !d.isEmpty() : d.length() > arg.length())) {
            if (fileName(d).equals("__pycache__")) {
                return true;
            }
            String abs = base + "/" + d;
            for (String pattern : project.norecursedirs()) {
                if (PyFnmatch.matchesPath(pattern, abs)) {
                    return true;
                }
            }
            d = parent(d);
        }
        return false;
    }

    /** The {@code .../tests/<scope>} directory of a default scope that holds {@code path}, or null. */
    static String defaultScopeDir(String path) {
        String[] segs = path.split("/");
        for (int i = 0; i + 2 < segs.length; i++) {
            if (segs[i].equals("tests") && DEFAULT_SCOPES.contains(segs[i + 1])) {
                return String.join("/", java.util.Arrays.copyOfRange(segs, 0, i + 2));
            }
        }
        return null;
    }

    static String pathLabel(String arg) {
        return arg.isEmpty() ? "(root)" : arg;
    }

    static String commonDir(List<String> files) {
        if (files.isEmpty()) {
            return ".";
        }
        String common = parent(files.get(0));
        for (String f : files) {
            while (!isAncestorOrSelf(common, parent(f))) {
                common = parent(common);
            }
        }
        return common.isEmpty() ? "." : common;
    }

    static boolean isAncestorOrSelf(String dir, String path) {
        return dir.isEmpty() || path.equals(dir) || path.startsWith(dir + "/");
    }

    static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
