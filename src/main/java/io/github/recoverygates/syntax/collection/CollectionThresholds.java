package io.github.recoverygates.syntax.collection;

import static io.github.recoverygates.syntax.collection.CollectionPaths.commonDir;
import static io.github.recoverygates.syntax.collection.CollectionPaths.plural;

import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.Glob;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.core.Threshold;
import io.github.recoverygates.core.Unit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A minimum of collectable tests per scope ({@code collect.<scope>}) and per testpath
 * ({@code collect.path.<testpath>}), and a finding for each scope, scope directory or testpath
 * that would collect nothing.
 */
final class CollectionThresholds {

    private CollectionThresholds() {
    }

    static List<Threshold> of(ScopeTallies tallies, TestCollectionConfig cfg, Map<String, TestFile> testFiles,
                              List<Finding> findings) {
        List<Threshold> thresholds = new ArrayList<>();
        for (String name : new TreeSet<>(tallies.scopes.keySet())) {
            CollectionTally t = tallies.scopes.get(name);
            ScopeRule rule = cfg.scopes().stream().filter(r -> name.equals(r.name())).findFirst().orElse(null);
            List<String> include = rule != null ? rule.include() : List.of("**/tests/" + name + "/**");
            int required = rule != null ? rule.requiredTests() : 1;
            if (t.files > 0) {
                thresholds.add(Threshold.atLeast("collect." + name, include, required, t.collectable, Unit.TESTS));
            }
            if (rule != null && t.files > 0 && t.collectable == 0) {
                String dir = commonDir(testFiles.values().stream()
                        .filter(f -> Glob.any(tallies.ruleGlobs.get(rule), f.path)).map(f -> f.path).toList());
                findings.add(collectsNothing(dir, "scope '" + name + "'", t));
            }
        }
        tallies.scopeDirs.forEach((dir, t) -> {
            if (t.files > 0 && t.collectable == 0) {
                findings.add(collectsNothing(dir, "scope '" + tallies.scopeOfDir.get(dir) + "'", t));
            }
        });
        tallies.paths.forEach((label, t) -> {
            if (t.files > 0) {
                thresholds.add(Threshold.atLeast("collect.path." + label, List.of(label.equals("(root)") ? "**" : label), 1,
                        t.collectable, Unit.TESTS));
                if (t.collectable == 0 && !tallies.scopeDirs.containsKey(label)) {
                    String dir = label.equals("(root)") ? "." : label;
                    findings.add(collectsNothing(dir, label.equals("(root)") ? "the repository" : "testpath '" + label + "'", t));
                }
            }
        });
        return thresholds;
    }

    private static Finding collectsNothing(String dir, String what, CollectionTally t) {
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
}
