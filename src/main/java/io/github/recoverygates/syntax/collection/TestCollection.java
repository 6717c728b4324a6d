package io.github.recoverygates.syntax.collection;

import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.Glob;
import io.github.recoverygates.core.Section;
import io.github.recoverygates.core.Table;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.core.SourceFile;
import io.github.recoverygates.core.Threshold;
import io.github.recoverygates.core.Unit;
import io.github.recoverygates.core.ContentCache;
import io.github.recoverygates.core.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Static test collection: which tests pytest would collect from the repository, by its own pytest
 * configuration, and which are lost because a test file, a {@code conftest.py} or a package
 * {@code __init__.py} does not compile. Reads files; never runs Python.
 */
public final class TestCollection {

    static final List<String> DEFAULT_SCOPES = List.of("mission_critical", "integration", "unit");
    /** Larger test files are not scanned (their tests are not counted); the syntax gate still checks them. */
    static final long MAX_SCAN_BYTES = 32L * 1024 * 1024;
    private static final int MAX_LOST_ROWS = 500;

    private TestCollection() {
    }

    /** Why the tests of a test file cannot be collected. */
    enum Loss { NONE, SYNTAX, CONFTEST, PACKAGE }

    /** A test file and what became of its tests. */
    static final class TestFile {
        final String path;
        final PytestProject project;
        final boolean parsable;
        final List<TestCounter.Test> tests;
        final boolean scanned;
        Loss loss = Loss.NONE;
        String lostBecause;

        TestFile(String path, PytestProject project, boolean parsable, List<TestCounter.Test> tests, boolean scanned) {
            this.path = path;
            this.project = project;
            this.parsable = parsable;
            this.tests = tests;
            this.scanned = scanned;
        }

        int collectable() {
            return loss == Loss.NONE ? tests.size() : 0;
        }

        int lost() {
            return loss == Loss.NONE ? 0 : tests.size();
        }
    }

    /** Counts for a scope, a scope directory or a testpath. */
    static final class Tally {
        int files;
        int parsable;
        int collectable;
        int lost;
        int syntaxLostFiles;
        int otherLostFiles;

        void add(TestFile f) {
            files++;
            parsable += f.parsable ? 1 : 0;
            collectable += f.collectable();
            lost += f.lost();
            if (f.loss == Loss.SYNTAX) {
                syntaxLostFiles++;
            } else if (f.loss != Loss.NONE) {
                otherLostFiles++;
            }
        }
    }

    /** The report, and every test file with its tests (for tests of this package). */
    record Analysis(CollectionReport report, Map<String, TestFile> testFiles) {
    }

    /**
     * Collects statically.
     *
     * @param root            the repository root
     * @param pythonFiles     every walked {@code .py} file (after excludes)
     * @param unparsableFiles paths (relative to root) of the files the syntax gate found not compiling
     * @param config          {@code syntax.testCollection}, or null for everything discovered
     */
    public static CollectionReport collect(Path root, List<SourceFile> pythonFiles, Set<String> unparsableFiles,
                                           TestCollectionConfig config) {
        return collect(root, pythonFiles, unparsableFiles, config, null);
    }

    /**
     * As {@link #collect(Path, List, Set, TestCollectionConfig)}, remembering each test file's tests
     * in {@code memo} (may be null), so an unchanged file is not read again on the next run.
     */
    public static CollectionReport collect(Path root, List<SourceFile> pythonFiles, Set<String> unparsableFiles,
                                           TestCollectionConfig config, ContentCache memo) {
        return analyse(root, pythonFiles, unparsableFiles, config, memo).report();
    }

    static Analysis analyse(Path root, List<SourceFile> pythonFiles, Set<String> unparsableFiles,
                            TestCollectionConfig config) {
        return analyse(root, pythonFiles, unparsableFiles, config, null);
    }

    static Analysis analyse(Path root, List<SourceFile> pythonFiles, Set<String> unparsableFiles,
                            TestCollectionConfig config, ContentCache memo) {
        TestCollectionConfig cfg = config == null ? TestCollectionConfig.defaults() : config;
        if (!cfg.isEnabled()) {
            return new Analysis(new CollectionReport(List.of(), Map.of(), List.of(), List.of(),
                    Map.of("enabled", false)), Map.of());
        }
        Set<String> broken = unparsableFiles == null ? Set.of() : unparsableFiles;
        Path absRoot = root.toAbsolutePath().normalize();
        Map<String, SourceFile> byPath = new TreeMap<>();
        for (SourceFile f : pythonFiles) {
            if (f.path().endsWith(".py")) {
                byPath.put(f.path(), f);
            }
        }
        Set<String> dirs = new HashSet<>();
        dirs.add("");
        for (String p : byPath.keySet()) {
            for (String d = parent(p); !d.isEmpty() && dirs.add(d); d = parent(d)) {
                // every ancestor directory, once
            }
        }
        List<PytestProject> projects = ProjectDiscovery.discover(absRoot, dirs, byPath.keySet(), cfg);
        List<Finding> findings = new ArrayList<>();
        configFindings(projects, findings);

        Map<String, TestFile> testFiles = new TreeMap<>();
        Map<String, List<String>> argsOfFile = new HashMap<>();
        for (String p : byPath.keySet()) {
            PytestProject project = owner(projects, p);
            List<String> args = new ArrayList<>();
            for (String arg : project.args()) {
                if (isCollected(absRoot, project, arg, p)) {
                    args.add(arg);
                }
            }
            if (args.isEmpty()) {
                continue;
            }
            argsOfFile.put(p, args);
        }
        testFiles.putAll(scanAll(projects, argsOfFile.keySet(), byPath, broken, memo));
        for (TestFile f : testFiles.values()) {
            if (!f.parsable) {
                f.loss = Loss.SYNTAX;
                f.lostBecause = "it does not compile";
            }
        }
        Set<String> initDirs = new HashSet<>();
        for (String p : byPath.keySet()) {
            if (fileName(p).equals("__init__.py")) {
                initDirs.add(parent(p));
            }
        }
        brokenConftests(absRoot, projects, broken, byPath.keySet(), testFiles, findings);
        brokenPackages(broken, initDirs, testFiles, findings);
        for (TestFile f : testFiles.values()) {
            if (f.loss == Loss.SYNTAX) {
                findings.add(lostTestsFinding(f));
            }
        }

        Map<String, Number> metrics = new TreeMap<>();
        Map<String, Tally> scopes = new TreeMap<>();
        Map<String, Tally> scopeDirs = new TreeMap<>();
        Map<String, String> scopeOfDir = new HashMap<>();
        Map<String, Tally> paths = new LinkedHashMap<>();
        Tally total = new Tally();
        int lostSyntax = 0;
        int lostConftest = 0;
        int lostPackage = 0;
        int notScanned = 0;
        for (PytestProject project : projects) {
            for (String arg : project.args()) {
                paths.put(pathLabel(arg), new Tally());
            }
        }
        Map<ScopeRule, List<Glob>> ruleGlobs = new HashMap<>();
        cfg.scopes().forEach(r -> ruleGlobs.put(r, Glob.all(r.include())));
        for (TestFile f : testFiles.values()) {
            total.add(f);
            notScanned += f.scanned ? 0 : 1;
            switch (f.loss) {
                case SYNTAX -> lostSyntax += f.lost();
                case CONFTEST -> lostConftest += f.lost();
                case PACKAGE -> lostPackage += f.lost();
                default -> { }
            }
            String scopeDir = defaultScopeDir(f.path);
            if (scopeDir != null) {
                String name = scopeDir.substring(scopeDir.lastIndexOf('/') + 1);
                if (cfg.scopes().stream().noneMatch(r -> name.equals(r.name()))) {
                    scopes.computeIfAbsent(name, k -> new Tally()).add(f);
                }
                scopeDirs.computeIfAbsent(scopeDir, k -> new Tally()).add(f);
                scopeOfDir.put(scopeDir, name);
            }
            for (ScopeRule rule : cfg.scopes()) {
                if (rule.name() != null && Glob.any(ruleGlobs.get(rule), f.path)) {
                    scopes.computeIfAbsent(rule.name(), k -> new Tally()).add(f);
                }
            }
            for (String arg : argsOfFile.get(f.path)) {
                paths.get(pathLabel(arg)).add(f);
            }
        }

        metrics.put("tests.projects", projects.size());
        metrics.put("tests.files", total.files);
        metrics.put("tests.files.parsable", total.parsable);
        metrics.put("tests.files.unparsable", total.files - total.parsable);
        metrics.put("tests.files.lost", total.syntaxLostFiles + total.otherLostFiles);
        metrics.put("tests.collectable", total.collectable);
        metrics.put("tests.lost", total.lost);
        metrics.put("tests.lost.syntax", lostSyntax);
        metrics.put("tests.lost.conftest", lostConftest);
        metrics.put("tests.lost.package", lostPackage);
        metrics.put("tests.files.notScanned", notScanned);
        Set<String> scopeNames = new TreeSet<>(scopes.keySet());
        scopes.forEach((name, t) -> putTally(metrics, "tests.scope." + name, t));
        paths.forEach((label, t) -> putTally(metrics, "tests.path." + label, t));

        List<Threshold> thresholds = new ArrayList<>();
        for (String name : scopeNames) {
            Tally t = scopes.get(name);
            ScopeRule rule = cfg.scopes().stream().filter(r -> name.equals(r.name())).findFirst().orElse(null);
            List<String> include = rule != null ? rule.include() : List.of("**/tests/" + name + "/**");
            int required = rule != null ? rule.requiredTests() : 1;
            if (t.files > 0) {
                thresholds.add(Threshold.atLeast("collect." + name, include, required, t.collectable, Unit.TESTS));
            }
            if (rule != null && t.files > 0 && t.collectable == 0) {
                String dir = commonDir(testFiles.values().stream()
                        .filter(f -> Glob.any(ruleGlobs.get(rule), f.path)).map(f -> f.path).toList());
                findings.add(collectsNothing(dir, "scope '" + name + "'", t));
            }
        }
        scopeDirs.forEach((dir, t) -> {
            if (t.files > 0 && t.collectable == 0) {
                findings.add(collectsNothing(dir, "scope '" + scopeOfDir.get(dir) + "'", t));
            }
        });
        paths.forEach((label, t) -> {
            if (t.files > 0) {
                thresholds.add(Threshold.atLeast("collect.path." + label, List.of(label.equals("(root)") ? "**" : label), 1,
                        t.collectable, Unit.TESTS));
                if (t.collectable == 0 && !scopeDirs.containsKey(label)) {
                    String dir = label.equals("(root)") ? "." : label;
                    findings.add(collectsNothing(dir, label.equals("(root)") ? "the repository" : "testpath '" + label + "'", t));
                }
            }
        });
        int collectionErrors = (int) findings.stream()
                .filter(f -> f.severity() == Severity.ERROR && !f.ruleId().equals("syntax/collects-nothing"))
                .count();
        metrics.put("tests.collectionErrors", collectionErrors);

        List<Section> sections = new ArrayList<>();
        List<String> columns = List.of("Scope", "Test files", "Parsable files", "Collectable tests", "Lost tests");
        List<List<String>> rows = new ArrayList<>();
        scopes.forEach((name, t) -> rows.add(row(name, t)));
        scopeDirs.forEach((dir, t) -> rows.add(row(dir + "/", t)));
        paths.forEach((label, t) -> rows.add(row("testpath " + label, t)));
        rows.add(row("all", total));
        sections.add(Table.ofText("test-collection", "Test collection by scope (test functions; parametrize not expanded)",
                columns, rows));
        List<TestFile> lostFiles = testFiles.values().stream().filter(f -> f.loss != Loss.NONE)
                .sorted(Comparator.comparingInt((TestFile f) -> -f.tests.size()).thenComparing(f -> f.path)).toList();
        if (!lostFiles.isEmpty()) {
            List<List<String>> lostRows = new ArrayList<>();
            for (TestFile f : lostFiles.subList(0, Math.min(MAX_LOST_ROWS, lostFiles.size()))) {
                lostRows.add(List.of(f.path, String.valueOf(f.tests.size()), f.lostBecause));
            }
            String title = "Test files whose tests cannot be collected"
                    + (lostFiles.size() > MAX_LOST_ROWS ? " (first " + MAX_LOST_ROWS + " of " + lostFiles.size() + ")" : "");
            sections.add(Table.ofText("lost-tests", title, List.of("File", "Tests", "Because"), lostRows));
        }

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("projects", projects.stream().map(TestCollection::describe).toList());
        details.put("countingUnit", "test functions and methods; @pytest.mark.parametrize and pytest_generate_tests "
                + "are not expanded, so one function counts once");
        if (collectionErrors > 0) {
            details.put("pytestRun", pytestRunNote(collectionErrors, total.collectable));
        }
        findings.sort(Finding.ORDER);
        return new Analysis(new CollectionReport(findings, metrics, sections, thresholds, details), testFiles);
    }

    /** What a plain {@code pytest} run does when collection errors exist: it runs nothing. */
    public static String pytestRunNote(long collectionErrors, long collectable) {
        return "pytest reports " + collectionErrors + " collection error(s) here and, without "
                + "--continue-on-collection-errors, runs none of the " + collectable + " collectable tests";
    }

    /**
     * Joins the collection tables of shard reports: counts per row key summed, lost files ranked
     * as one run ranks them (most tests first, then path).
     */
    public static List<Section> mergeSections(List<List<Section>> shards) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        Table table = null;
        Table lostTable = null;
        List<List<String>> lost = new ArrayList<>();
        for (List<Section> sections : shards) {
            for (Section section : sections) {
                if (!(section instanceof Table s)) {
                    continue;
                }
                if (s.id().equals("test-collection")) {
                    table = table == null ? s : table;
                    for (List<String> row : s.textRows()) {
                        long[] sum = counts.computeIfAbsent(row.get(0), k -> new long[row.size() - 1]);
                        for (int i = 1; i < row.size(); i++) {
                            sum[i - 1] += Long.parseLong(row.get(i));
                        }
                    }
                } else if (s.id().equals("lost-tests")) {
                    lostTable = lostTable == null ? s : lostTable;
                    lost.addAll(s.textRows());
                }
            }
        }
        List<Section> out = new ArrayList<>();
        if (table != null) {
            List<List<String>> rows = new ArrayList<>();
            counts.forEach((key, sum) -> {
                List<String> row = new ArrayList<>(List.of(key));
                for (long v : sum) {
                    row.add(Long.toString(v));
                }
                rows.add(row);
            });
            out.add(Table.ofText(table.id(), table.title(), table.headers(), rows));
        }
        if (lostTable != null) {
            lost.sort(Comparator.comparingLong((List<String> r) -> -Long.parseLong(r.get(1))).thenComparing(r -> r.get(0)));
            String title = "Test files whose tests cannot be collected"
                    + (lost.size() > MAX_LOST_ROWS ? " (first " + MAX_LOST_ROWS + " of " + lost.size() + ")" : "");
            out.add(Table.ofText(lostTable.id(), title, lostTable.headers(), lost.subList(0, Math.min(MAX_LOST_ROWS, lost.size()))));
        }
        return out;
    }

    private static void configFindings(List<PytestProject> projects, List<Finding> findings) {
        for (PytestProject p : projects) {
            if (p.configProblem() != null) {
                findings.add(Finding.builder("syntax/pytest-config", Severity.ERROR).category("pytest-config").file(p.configFile()).message(p.configProblem() + "; tests below " + p.label() + " were counted with pytest's defaults").build());
            }
            for (String missing : p.missingTestpaths()) {
                boolean all = p.missingTestpaths().size() == p.testpaths().size();
                findings.add(Finding.builder("syntax/testpath-missing", Severity.WARNING).category("pytest-config").file(p.configFile()).message("testpath '" + missing + "' matches nothing"
                                + (all ? "; with no testpath left pytest searches all of " + p.label()
                                : "; pytest silently skips it")).build());
            }
        }
    }

    private static Map<String, Object> describe(PytestProject p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rootdir", p.label());
        m.put("configFile", p.configFile() == null ? "(none: pytest defaults)" : p.configFile());
        m.put("testpaths", p.testpaths());
        m.put("collectsFrom", p.args().stream().map(a -> a.isEmpty() ? "." : a).toList());
        m.put("pythonFiles", p.pythonFiles());
        m.put("pythonClasses", p.pythonClasses());
        m.put("pythonFunctions", p.pythonFunctions());
        m.put("norecursedirs", p.norecursedirs());
        return m;
    }

    private static void putTally(Map<String, Number> metrics, String prefix, Tally t) {
        metrics.put(prefix + ".files", t.files);
        metrics.put(prefix + ".parsableFiles", t.parsable);
        metrics.put(prefix + ".collectable", t.collectable);
        metrics.put(prefix + ".lost", t.lost);
    }

    private static List<String> row(String name, Tally t) {
        return List.of(name, String.valueOf(t.files), String.valueOf(t.parsable), String.valueOf(t.collectable),
                String.valueOf(t.lost));
    }

    private static Finding collectsNothing(String dir, String what, Tally t) {
        String why;
        if (t.lost == 0) {
            why = "its " + plural(t.files, "test file") + " define no test functions";
        } else {
            List<String> parts = new ArrayList<>();
            if (t.syntaxLostFiles > 0) {
                parts.add(t.syntaxLostFiles + " do not compile");
            }
            if (t.otherLostFiles > 0) {
                parts.add(t.otherLostFiles + " sit below a conftest.py or package that does not compile");
            }
            why = "its " + plural(t.files, "test file") + " hold " + plural(t.lost, "test") + ", all lost ("
                    + String.join(", ", parts) + ")";
        }
        return Finding.builder("syntax/collects-nothing", Severity.ERROR).category("collects-nothing").file(dir.isEmpty() ? "." : dir).message(what + " would collect 0 items: " + why).properties(Map.of("testFiles", String.valueOf(t.files), "lostTests", String.valueOf(t.lost))).build();
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

    /** Scans the test files on one thread per core; the result does not depend on the order. */
    private static Map<String, TestFile> scanAll(List<PytestProject> projects, Set<String> paths,
                                                 Map<String, SourceFile> byPath, Set<String> broken, ContentCache memo) {
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), paths.size() / 64 + 1));
        Map<String, TestFile> out = new TreeMap<>();
        if (threads == 1) {
            for (String p : paths) {
                out.put(p, scan(owner(projects, p), byPath.get(p), !broken.contains(p), memo));
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "test-collection-scan");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<String, Future<TestFile>> futures = new TreeMap<>();
            for (String p : paths) {
                futures.put(p, pool.submit(() -> scan(owner(projects, p), byPath.get(p), !broken.contains(p), memo)));
            }
            for (Map.Entry<String, Future<TestFile>> e : futures.entrySet()) {
                try {
                    out.put(e.getKey(), e.getValue().get());
                } catch (ExecutionException ex) {
                    SourceFile f = byPath.get(e.getKey());
                    out.put(e.getKey(), new TestFile(f.path(), owner(projects, f.path()), !broken.contains(f.path()),
                            List.of(), false));
                }
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scanning test files", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static TestFile scan(PytestProject project, SourceFile file, boolean parsable, ContentCache memo) {
        String key = (parsable ? "p " : "u ") + project.pythonClasses() + " " + project.pythonFunctions();
        if (memo != null) {
            JsonNode known = memo.lookup(file).orElse(null);
            if (known != null && key.equals(known.path("key").asText())) {
                List<TestCounter.Test> tests = new ArrayList<>();
                known.path("tests").forEach(t -> tests.add(new TestCounter.Test(t.path(0).asText(), t.path(1).asInt())));
                return new TestFile(file.path(), project, parsable, tests, true);
            }
        }
        TestCounter counter = new TestCounter(project.pythonClasses(), project.pythonFunctions());
        String text = read(file);
        if (text == null) {
            return new TestFile(file.path(), project, parsable, List.of(), false);
        }
        List<TestCounter.Test> tests = counter.tests(ModuleOutline.of(text, !parsable));
        if (memo != null) {
            ObjectNode node = Json.REPORT.createObjectNode().put("key", key);
            ArrayNode list = node.putArray("tests");
            tests.forEach(t -> list.addArray().add(t.name()).add(t.line()));
            memo.put(file, node);
        }
        return new TestFile(file.path(), project, parsable, tests, true);
    }

    private static String read(SourceFile file) {
        try {
            if (Files.size(file.absolute()) > MAX_SCAN_BYTES) {
                return null;
            }
            byte[] bytes = Files.readAllBytes(file.absolute());
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The deepest project whose rootdir holds {@code path}. */
    private static PytestProject owner(List<PytestProject> projects, String path) {
        PytestProject best = projects.get(0);
        for (PytestProject p : projects) {
            if (p.contains(path) && p.dir().length() > best.dir().length()) {
                best = p;
            }
        }
        return best;
    }

    /** Whether pytest, started in the project's rootdir, collects {@code path} as a test module from {@code arg}. */
    private static boolean isCollected(Path absRoot, PytestProject project, String arg, String path) {
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
    private static boolean norecursed(Path absRoot, PytestProject project, String arg, String path) {
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

    private static String pathLabel(String arg) {
        return arg.isEmpty() ? "(root)" : arg;
    }

    private static String commonDir(List<String> files) {
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

    private static boolean isAncestorOrSelf(String dir, String path) {
        return dir.isEmpty() || path.equals(dir) || path.startsWith(dir + "/");
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
