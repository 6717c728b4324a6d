package io.github.recoverygates.syntax.collection;

import static io.github.recoverygates.core.RelativePaths.join;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Finds the pytest rootdirs of a repository and what each one collects from. */
final class ProjectDiscovery {

    static final List<String> DEFAULT_FILES = List.of("test_*.py", "*_test.py");
    static final List<String> DEFAULT_CLASSES = List.of("Test");
    static final List<String> DEFAULT_FUNCTIONS = List.of("test");
    static final List<String> DEFAULT_NORECURSE = List.of(
            "*.egg", ".*", "_darcs", "build", "CVS", "dist", "node_modules", "venv", "{arch}");

    private ProjectDiscovery() {
    }

    /**
     * The root project first, then every nested one (when enabled), sorted by directory.
     *
     * @param dirs  every directory that holds or leads to a walked Python file ("" for the root)
     * @param paths every walked Python file
     */
    static List<PytestProject> discover(Path root, Set<String> dirs, Set<String> paths, TestCollectionConfig config) {
        List<PytestProject> out = new ArrayList<>();
        out.add(project(root, "", PytestConfigFile.find(root), dirs, paths, config));
        if (config.followsNestedConfigs()) {
            for (String dir : new TreeSet<>(dirs)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Optional<PytestConfigFile> cfg = PytestConfigFile.find(root.resolve(dir));
                if (cfg.isPresent()) {
                    out.add(project(root, dir, cfg, dirs, paths, config));
                }
            }
        }
        return out;
    }

    private static PytestProject project(Path root, String dir, Optional<PytestConfigFile> cfg, Set<String> dirs,
                                         Set<String> paths, TestCollectionConfig config) {
        String configFile = cfg.map(c -> dir.isEmpty() ? c.file() : dir + "/" + c.file()).orElse(null);
        String problem = cfg.map(PytestConfigFile::problem).orElse(null);
        List<String> testpaths = dir.isEmpty() && config.testpaths() != null
                ? config.testpaths() : option(cfg, "testpaths", List.of());
        List<String> files = pick(config.pythonFiles(), cfg, "python_files", DEFAULT_FILES);
        List<String> classes = pick(config.pythonClasses(), cfg, "python_classes", DEFAULT_CLASSES);
        List<String> functions = pick(config.pythonFunctions(), cfg, "python_functions", DEFAULT_FUNCTIONS);
        List<String> norecurse = pick(config.norecursedirs(), cfg, "norecursedirs", DEFAULT_NORECURSE);
        List<String> args = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String tp : testpaths) {
            List<String> found = expand(root, dir, tp, dirs, paths);
            if (found.isEmpty()) {
                missing.add(tp);
            }
            for (String f : found) {
                if (!args.contains(f)) {
                    args.add(f);
                }
            }
        }
        if (args.isEmpty()) {
            args.add(dir);
        }
        return new PytestProject(dir, configFile, testpaths, args, missing, files, classes, functions, norecurse,
                problem);
    }

    private static List<String> pick(List<String> override, Optional<PytestConfigFile> cfg, String option,
                                     List<String> fallback) {
        return override != null ? override : option(cfg, option, fallback);
    }

    private static List<String> option(Optional<PytestConfigFile> cfg, String option, List<String> fallback) {
        List<String> v = cfg.map(c -> c.args(option)).orElse(null);
        return v == null ? fallback : v;
    }

    /** A testpath as {@code glob.iglob(tp, recursive=True)} from the rootdir sees it, relative to the repository root. */
    static List<String> expand(Path root, String dir, String testpath, Set<String> dirs, Set<String> paths) {
        String tp = normalise(testpath);
        if (tp == null) {
            return List.of();
        }
        boolean glob = tp.indexOf('*') >= 0 || tp.indexOf('?') >= 0 || tp.indexOf('[') >= 0;
        if (!glob) {
            String rel = join(dir, tp);
            Path abs = root.resolve(rel.isEmpty() ? "." : rel);
            return Files.exists(abs) && (Files.isDirectory(abs) || rel.endsWith(".py")) ? List.of(rel) : List.of();
        }
        Pattern p = PyFnmatch.pathGlob(tp);
        TreeSet<String> found = new TreeSet<>();
        String prefix = dir.isEmpty() ? "" : dir + "/";
        for (Set<String> candidates : List.of(dirs, paths)) {
            for (String c : candidates) {
                if (c.isEmpty() || !c.startsWith(prefix)) {
                    continue;
                }
                if (p.matcher(c.substring(prefix.length())).matches()) {
                    found.add(c);
                }
            }
        }
        return new ArrayList<>(found);
    }

    private static String normalise(String testpath) {
        String t = testpath.replace('\\', '/').strip();
        while (t.startsWith("./")) {
            t = t.substring(2);
        }
        while (t.endsWith("/") && t.length() > 1) {
            t = t.substring(0, t.length() - 1);
        }
        if (t.equals(".")) {
            return "";
        }
        if (t.startsWith("/") || t.equals("..") || t.startsWith("../") || t.contains("/../")) {
            return null;
        }
        return t;
    }

}
