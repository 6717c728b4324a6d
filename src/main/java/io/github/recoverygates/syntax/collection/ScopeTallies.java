package io.github.recoverygates.syntax.collection;

import static io.github.recoverygates.syntax.collection.CollectionPaths.defaultScopeDir;
import static io.github.recoverygates.syntax.collection.CollectionPaths.pathLabel;

import io.github.recoverygates.core.Glob;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The test files counted by scope (configured and default), by default scope directory
 * ({@code .../tests/unit}), by testpath, and in all; with the lost tests by cause.
 */
final class ScopeTallies {
    final Map<String, CollectionTally> scopes = new TreeMap<>();
    final Map<String, CollectionTally> scopeDirs = new TreeMap<>();
    final Map<String, String> scopeOfDir = new HashMap<>();
    final Map<String, CollectionTally> paths = new LinkedHashMap<>();
    final Map<ScopeRule, List<Glob>> ruleGlobs = new HashMap<>();
    final CollectionTally total = new CollectionTally();
    int lostSyntax;
    int lostConftest;
    int lostPackage;
    int notScanned;

    static ScopeTallies of(List<PytestProject> projects, Map<String, TestFile> testFiles,
                           Map<String, List<String>> argsOfFile, TestCollectionConfig cfg) {
        ScopeTallies t = new ScopeTallies();
        for (PytestProject project : projects) {
            for (String arg : project.args()) {
                t.paths.put(pathLabel(arg), new CollectionTally());
            }
        }
        cfg.scopes().forEach(r -> t.ruleGlobs.put(r, Glob.all(r.include())));
        for (TestFile f : testFiles.values()) {
            t.add(f, argsOfFile.get(f.path), cfg);
        }
        return t;
    }

    private void add(TestFile f, List<String> args, TestCollectionConfig cfg) {
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
                scopes.computeIfAbsent(name, k -> new CollectionTally()).add(f);
            }
            scopeDirs.computeIfAbsent(scopeDir, k -> new CollectionTally()).add(f);
            scopeOfDir.put(scopeDir, name);
        }
        for (ScopeRule rule : cfg.scopes()) {
            if (rule.name() != null && Glob.any(ruleGlobs.get(rule), f.path)) {
                scopes.computeIfAbsent(rule.name(), k -> new CollectionTally()).add(f);
            }
        }
        for (String arg : args) {
            paths.get(pathLabel(arg)).add(f);
        }
    }

    void putMetrics(Map<String, Number> metrics, int projects) {
        metrics.put("tests.projects", projects);
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
        scopes.forEach((name, t) -> t.putMetrics(metrics, "tests.scope." + name));
        paths.forEach((label, t) -> t.putMetrics(metrics, "tests.path." + label));
    }
}
