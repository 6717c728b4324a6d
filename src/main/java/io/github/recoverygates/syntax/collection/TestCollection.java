package io.github.recoverygates.syntax.collection;

import static io.github.recoverygates.syntax.collection.CollectionPaths.isCollected;
import static io.github.recoverygates.syntax.collection.CollectionPaths.owner;
import static io.github.recoverygates.core.RelativePaths.parent;

import io.github.recoverygates.core.ContentCache;
import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.Section;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.core.SourceFile;
import io.github.recoverygates.core.Threshold;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Static test collection: which tests pytest would collect from the repository, by its own pytest
 * configuration, and which are lost because a test file, a {@code conftest.py} or a package
 * {@code __init__.py} does not compile. Reads files; never runs Python.
 */
public final class TestCollection {

    /** The pytest config file names looked for in each directory that leads to a Python file, in pytest's order. */
    public static final List<String> CONFIG_FILE_NAMES = PytestConfigFile.NAMES;

    private TestCollection() {
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
                    Map.of("enabled", false), Set.of()), Map.of());
        }
        Set<String> broken = unparsableFiles == null ? Set.of() : unparsableFiles;
        Path absRoot = root.toAbsolutePath().normalize();
        Map<String, SourceFile> byPath = new TreeMap<>();
        for (SourceFile f : pythonFiles) {
            if (f.path().endsWith(".py")) {
                byPath.put(f.path(), f);
            }
        }
        List<PytestProject> projects = ProjectDiscovery.discover(absRoot, directories(byPath.keySet()), byPath.keySet(), cfg);
        List<Finding> findings = new ArrayList<>();
        configFindings(projects, findings);
        Map<String, List<String>> argsOfFile = collectedFrom(absRoot, projects, byPath.keySet());
        Map<String, TestFile> testFiles = new TreeMap<>(TestScan.scanAll(projects, argsOfFile.keySet(), byPath, broken, memo));
        LossPropagation.propagate(absRoot, projects, broken, byPath.keySet(), testFiles, findings);

        Map<String, Number> metrics = new TreeMap<>();
        ScopeTallies tallies = ScopeTallies.of(projects, testFiles, argsOfFile, cfg);
        tallies.putMetrics(metrics, projects.size());
        List<Threshold> thresholds = CollectionThresholds.of(tallies, cfg, testFiles, findings);
        int collectionErrors = (int) findings.stream()
                .filter(f -> f.severity() == Severity.ERROR && !f.ruleId().equals("syntax/collects-nothing"))
                .count();
        metrics.put("tests.collectionErrors", collectionErrors);
        List<Section> sections = CollectionTables.of(tallies, testFiles);

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("projects", projects.stream().map(TestCollection::describe).toList());
        details.put("countingUnit", "test functions and methods; @pytest.mark.parametrize and pytest_generate_tests "
                + "are not expanded, so one function counts once");
        if (collectionErrors > 0) {
            details.put("pytestRun", pytestRunNote(collectionErrors, tallies.total.collectable));
        }
        findings.sort(Finding.ORDER);
        return new Analysis(new CollectionReport(findings, metrics, sections, thresholds, details, testFiles.keySet()),
                testFiles);
    }

    /** Every ancestor directory of the files, once ("" for the root). */
    private static Set<String> directories(Set<String> files) {
        Set<String> dirs = new HashSet<>();
        dirs.add("");
        for (String p : files) {
            for (String d = parent(p); !d.isEmpty() && dirs.add(d); d = parent(d)) {
                // every ancestor directory, once
            }
        }
        return dirs;
    }

    /** The test files: each file pytest collects, with the project args it is collected from. */
    private static Map<String, List<String>> collectedFrom(Path absRoot, List<PytestProject> projects, Set<String> files) {
        Map<String, List<String>> argsOfFile = new HashMap<>();
        for (String p : files) {
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
        return argsOfFile;
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
        return CollectionTables.merge(shards);
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
}
