package io.github.recoverygates.syntax;

import io.github.recoverygates.core.Glob;
import io.github.recoverygates.core.SourceFile;
import java.util.ArrayList;
import java.util.List;

/** Which parse-rate scopes apply: the configured ones, else the seeds' 100/95/90 where those directories exist. */
final class SyntaxThresholds {

    /** A scope with its compiled globs. */
    record Scope(String name, List<String> include, double min, boolean allowEmpty, List<Glob> globs) {
        boolean contains(String path) {
            return Glob.any(globs, path);
        }
    }

    static final List<SyntaxConfig.Threshold> SEEDS = List.of(
            new SyntaxConfig.Threshold("mission_critical", List.of("**/tests/mission_critical/**"), 100.0),
            new SyntaxConfig.Threshold("integration", List.of("**/tests/integration/**"), 95.0),
            new SyntaxConfig.Threshold("unit", List.of("**/tests/unit/**"), 90.0));

    private SyntaxThresholds() {
    }

    static List<Scope> resolve(List<SyntaxConfig.Threshold> configured, List<SourceFile> workspaceFiles) {
        List<Scope> scopes = new ArrayList<>();
        if (!configured.isEmpty()) {
            for (SyntaxConfig.Threshold t : configured) {
                scopes.add(new Scope(t.name(), t.include(), t.min(), t.allowEmpty(), Glob.all(t.include())));
            }
            return scopes;
        }
        for (SyntaxConfig.Threshold t : SEEDS) {
            String marker = "tests/" + t.name() + "/";
            boolean present = workspaceFiles.stream().anyMatch(f -> f.path().startsWith(marker)
                    || f.path().contains("/" + marker));
            if (present) {
                scopes.add(new Scope(t.name(), t.include(), t.min(), t.allowEmpty(), Glob.all(t.include())));
            }
        }
        return scopes;
    }
}
