package io.github.recoverygates.syntax.collection;

import static io.github.recoverygates.syntax.collection.CollectionPaths.fileName;
import static io.github.recoverygates.syntax.collection.CollectionPaths.isAncestorOrSelf;
import static io.github.recoverygates.syntax.collection.CollectionPaths.norecursed;
import static io.github.recoverygates.syntax.collection.CollectionPaths.owner;
import static io.github.recoverygates.core.RelativePaths.parent;
import static io.github.recoverygates.syntax.collection.CollectionPaths.plural;

import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.core.SourceFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which test files lose their tests, and why: a file that does not compile, a conftest.py or a
 * package __init__.py above it that does not compile (the first cause found wins).
 */
final class LossPropagation {

    private LossPropagation() {
    }

    /** Marks each test file's loss and adds a finding per cause. */
    static void propagate(Path absRoot, List<PytestProject> projects, Set<String> broken, Set<String> paths,
                          Map<String, TestFile> testFiles, List<Finding> findings) {
        for (TestFile f : testFiles.values()) {
            if (!f.parsable) {
                f.loss = Loss.SYNTAX;
                f.lostBecause = "it does not compile";
            }
        }
        Set<String> initDirs = new HashSet<>();
        for (String p : paths) {
            if (fileName(p).equals("__init__.py")) {
                initDirs.add(parent(p));
            }
        }
        brokenConftests(absRoot, projects, broken, paths, testFiles, findings);
        brokenPackages(broken, initDirs, testFiles, findings);
        for (TestFile f : testFiles.values()) {
            if (f.loss == Loss.SYNTAX) {
                findings.add(lostTestsFinding(f));
            }
        }
    }

    /**
     * A conftest.py that does not compile: pytest aborts the whole run when it loads it before
     * collecting (it sits in the rootdir, on the way to a testpath, in a testpath, or in a
     * {@code test*} directory directly inside a testpath); otherwise the directory it sits in is a
     * collection error and every test below it is lost. A conftest pytest never visits does nothing.
     */
    private static void brokenConftests(Path absRoot, List<PytestProject> projects, Set<String> broken, Set<String> paths,
                                        Map<String, TestFile> testFiles, List<Finding> findings) {
        for (String conftest : new TreeSet<>(broken)) {
            if (!fileName(conftest).equals("conftest.py") || !paths.contains(conftest)) {
                continue;
            }
            String dir = parent(conftest);
            PytestProject project = owner(projects, conftest);
            boolean abortsRun = false;
            boolean visited = false;
            for (String arg : project.args()) {
                boolean argIsFile = arg.endsWith(".py") && paths.contains(arg);
                if (isAncestorOrSelf(dir, argIsFile ? parent(arg) : arg)) {
                    abortsRun = true;
                } else if (!argIsFile && parent(dir).equals(arg) && fileName(dir).startsWith("test")) {
                    abortsRun = true;
                } else if (!argIsFile && isAncestorOrSelf(arg, dir) && !norecursed(absRoot, project, arg, dir + "/x")) {
                    visited = true;
                }
            }
            if (!abortsRun && !visited) {
                continue;
            }
            int tests = 0;
            int files = 0;
            for (TestFile f : testFiles.values()) {
                boolean affected = abortsRun ? f.project == project : isAncestorOrSelf(dir, parent(f.path));
                if (!affected) {
                    continue;
                }
                if (f.loss == Loss.NONE) {
                    f.loss = Loss.CONFTEST;
                    f.lostBecause = conftest + " does not compile";
                }
                if (f.loss == Loss.CONFTEST) {
                    tests += f.tests.size();
                    files++;
                }
            }
            String where = abortsRun ? "pytest stops before collecting anything in " + project.label()
                    : "pytest cannot collect " + (dir.isEmpty() ? "." : dir);
            findings.add(Finding.builder("syntax/conftest-broken", Severity.ERROR).category("conftest-broken").file(conftest).message("conftest.py does not compile: " + where + "; " + plural(tests, "test") + " in "
                            + plural(files, "test file") + " below it cannot be collected").properties(Map.of("tests", String.valueOf(tests), "testFiles", String.valueOf(files),
                            "abortsRun", String.valueOf(abortsRun))).build());
        }
    }

    /**
     * A package {@code __init__.py} that does not compile: pytest (default import mode "prepend")
     * imports a test module as part of its package, so every test module of that package and its
     * sub-packages fails to import.
     */
    private static void brokenPackages(Set<String> broken, Set<String> initDirs, Map<String, TestFile> testFiles,
                                       List<Finding> findings) {
        List<TestFile> all = new ArrayList<>(testFiles.values());
        String[] dirs = new String[all.size()];
        for (int i = 0; i < dirs.length; i++) {
            dirs[i] = parent(all.get(i).path); // once per file, not once per file and broken package
        }
        for (String init : new TreeSet<>(broken)) {
            if (!fileName(init).equals("__init__.py")) {
                continue;
            }
            String pkg = parent(init);
            String below = pkg + "/";
            int tests = 0;
            int files = 0;
            for (int i = 0; i < dirs.length; i++) {
                TestFile f = all.get(i);
                String dir = dirs[i];
                boolean inside = pkg.isEmpty() || dir.equals(pkg) || dir.startsWith(below);
                if (!inside || !packageChain(pkg, dir, initDirs)) {
                    continue;
                }
                if (f.loss == Loss.NONE) {
                    f.loss = Loss.PACKAGE;
                    f.lostBecause = init + " does not compile";
                }
                if (f.loss == Loss.PACKAGE && (init + " does not compile").equals(f.lostBecause)) {
                    tests += f.tests.size();
                    files++;
                }
            }
            if (files > 0) {
                findings.add(Finding.builder("syntax/package-broken", Severity.ERROR).category("package-broken").file(init).message("package __init__.py does not compile: " + plural(tests, "test") + " in "
                                + plural(files, "test module") + " of this package cannot be imported").properties(Map.of("tests", String.valueOf(tests), "testFiles", String.valueOf(files))).build());
            }
        }
    }

    /** Whether every directory from {@code dir} up to {@code pkg} has an __init__.py. */
    private static boolean packageChain(String pkg, String dir, Set<String> initDirs) {
        for (String d = dir; ; d = parent(d)) {
            if (!initDirs.contains(d)) {
                return false;
            }
            if (d.equals(pkg) || d.isEmpty()) {
                return true;
            }
        }
    }

    private static Finding lostTestsFinding(TestFile f) {
        int n = f.tests.size();
        int line = f.tests.stream().mapToInt(TestCounter.Test::line).min().orElse(0);
        String message = !f.scanned
                ? "this test file cannot be collected: it does not compile (too large or unreadable to count its tests)"
                : n == 0
                ? "this test file cannot be collected: it does not compile (a line scan finds no test functions in it)"
                : (n == 1 ? "1 test in this file cannot be collected" : n + " tests in this file cannot be collected")
                + ": it does not compile";
        return Finding.builder("syntax/lost-tests", Severity.ERROR).category("lost-tests").file(f.path).at(line, line > 0 ? 1 : 0).message(message).properties(Map.of("tests", String.valueOf(n))).build();
    }
}
