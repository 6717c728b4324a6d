package io.github.recoverygates.ssot;

import io.github.recoverygates.ssot.SsotConfig.SsotSeverity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code ssot/missing-module}: an import of this repository's own code that resolves to no file:
 * the ModuleNotFoundError that makes pytest collect 0 items. Guarded imports
 * ({@code try: … except ImportError}) are notes. Files that do not tokenise are skipped (the
 * syntax gate owns them). An unguarded Python one also says where the module went, when it can
 * tell: a module of the same name elsewhere, or a copy in a backup.
 */
final class MissingModuleRule implements Rule {

    MissingModuleRule() {
    }

    @Override
    public String id() {
        return "missing-module";
    }

    @Override
    public String description() {
        return "An import of an in-repository module that resolves to no file";
    }

    @Override
    public List<Violation> check(SsotConfig config, ScanIndex index) {
        List<Violation> out = new ArrayList<>();
        if (!config.missingModules()) {
            return out;
        }
        index.facts().forEach((path, facts) -> {
            if (!index.reports(path) || !facts.parsed() || facts.language().equals("java")) {
                return;
            }
            List<ModuleResolver.Resolution> resolved = index.resolutionsOf(path);
            for (int i = 0; i < facts.imports().size() && i < resolved.size(); i++) {
                ModuleResolver.Resolution r = resolved.get(i);
                if (r.missing() == null) {
                    continue;
                }
                FileFacts.Import imp = facts.imports().get(i);
                boolean guarded = imp.guarded();
                String consequence = facts.language().equals("python")
                        ? (guarded ? " (guarded by except ImportError, so it only takes the fallback)"
                        : "; importing this file fails with ModuleNotFoundError (pytest: 'collected 0 items')")
                        : "; the bundler or the runtime cannot load it";
                Map<String, String> properties = new TreeMap<>(Map.of("import", describe(imp)));
                String where = "";
                if (!guarded && r.missingPath() != null && facts.language().equals("python")) {
                    ModuleWhereabouts.Hint hint = index.whereabouts().of(r.missingPath());
                    where = hint.sentence();
                    properties.put("missingPath", r.missingPath());
                    if (!hint.movedTo().isEmpty()) {
                        properties.put("movedTo", String.join(",", hint.movedTo()));
                        properties.put("movedToPath", String.join(",", hint.movedPaths()));
                    }
                    if (hint.backup() != null) {
                        properties.put("backupCopy", hint.backup().path());
                    }
                }
                out.add(new Violation("missing-module", guarded ? SsotSeverity.LOW : SsotSeverity.HIGH,
                        guarded ? "guarded" : "missing", path, imp.line(), imp.column(), r.missing() + consequence + where,
                        properties));
            }
        });
        return out;
    }

    private static String describe(FileFacts.Import imp) {
        return ".".repeat(imp.level()) + imp.module() + (imp.names().isEmpty() ? "" : " import " + String.join(", ", imp.names()));
    }
}
