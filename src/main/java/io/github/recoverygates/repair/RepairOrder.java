package io.github.recoverygates.repair;

import io.github.recoverygates.core.ConfigException;
import io.github.recoverygates.syntax.SyntaxScopes;
import java.util.ArrayList;
import java.util.List;

/** The syntax scopes in the order repair works through them: the --priority ones as given, else every scope as configured. */
record RepairOrder(List<SyntaxScopes.Scope> scopes) {

    static RepairOrder of(List<SyntaxScopes.Scope> scopes, List<String> priorities) {
        if (priorities.isEmpty()) {
            return new RepairOrder(scopes);
        }
        List<SyntaxScopes.Scope> out = new ArrayList<>();
        for (String p : priorities) {
            SyntaxScopes.Scope s = scopes.stream().filter(x -> x.name().equals(p.strip())).findFirst()
                    .orElseThrow(() -> new ConfigException("--priority: no syntax scope '" + p.strip() + "' (scopes here: "
                            + (scopes.isEmpty() ? "none; configure syntax.thresholds" : String.join(", ",
                            scopes.stream().map(SyntaxScopes.Scope::name).toList())) + ")"));
            out.add(s);
        }
        return new RepairOrder(List.copyOf(out));
    }

    /** The first scope in this order that holds {@code path}, or null. */
    SyntaxScopes.Scope scopeOf(String path) {
        for (SyntaxScopes.Scope s : scopes) {
            if (s.contains(path)) {
                return s;
            }
        }
        return null;
    }

    /** The name of {@link #scopeOf}, or null. */
    String scopeName(String path) {
        SyntaxScopes.Scope s = scopeOf(path);
        return s == null ? null : s.name();
    }

    /** Position of the file's scope in this order; files in no scope come last. */
    int rank(String path) {
        SyntaxScopes.Scope s = scopeOf(path);
        return s == null ? scopes.size() : scopes.indexOf(s);
    }
}
