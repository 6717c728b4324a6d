package io.github.recoverygates.ssot;

import io.github.recoverygates.core.Glob;
import io.github.recoverygates.ssot.SsotConfig.Boundary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ssot/boundary}: forbidden import contracts in the manner of import-linter. An import
 * breaks a contract when its file matches {@code from}, it names a module under a {@code forbid}
 * prefix, and neither its file matches an {@code allow} glob nor the module is under an
 * {@code allow} module prefix.
 */
final class BoundaryRule implements Rule {

    private record Contract(Boundary boundary, List<Glob> from, List<Glob> allowFiles, List<String> allowModules,
                            List<String> forbid) {
    }

    BoundaryRule() {
    }

    /** An allow entry naming a module ("auth_service.integration") rather than a file glob. */
    static boolean isModulePattern(String entry) {
        return !entry.contains("*") && !entry.contains("/") || entry.startsWith("@");
    }

    @Override
    public String id() {
        return "boundary";
    }

    @Override
    public String description() {
        return "An import that crosses a forbidden module boundary";
    }

    @Override
    public List<Violation> check(SsotConfig config, ScanIndex index) {
        List<Contract> contracts = new ArrayList<>();
        for (Boundary b : config.boundaries()) {
            List<String> allowFiles = new ArrayList<>();
            List<String> allowModules = new ArrayList<>();
            for (String a : b.allow()) {
                (isModulePattern(a) ? allowModules : allowFiles).add(isModulePattern(a) ? ImportTarget.normalize(a) : a);
            }
            contracts.add(new Contract(b, Glob.all(b.from()), Glob.all(allowFiles), allowModules,
                    b.forbid().stream().map(ImportTarget::normalize).toList()));
        }
        List<Violation> out = new ArrayList<>();
        if (contracts.isEmpty()) {
            return out;
        }
        index.facts().forEach((path, facts) -> {
            if (!index.reports(path) || facts.imports().isEmpty()) {
                return;
            }
            List<ModuleResolver.Resolution> resolved = index.resolutionsOf(path);
            for (Contract c : contracts) {
                if (!Glob.any(c.from, path) || Glob.any(c.allowFiles, path)) {
                    continue;
                }
                for (int i = 0; i < facts.imports().size() && i < resolved.size(); i++) {
                    String hit = forbidden(c, resolved.get(i).targets());
                    if (hit == null) {
                        continue;
                    }
                    FileFacts.Import imp = facts.imports().get(i);
                    Boundary b = c.boundary;
                    String route = b.allow().isEmpty() ? "none (the forbidden modules must not be imported from here)"
                            : String.join(", ", b.allow());
                    out.add(new Violation("boundary", b.severity(), b.name(), path, imp.line(), imp.column(),
                            "import of " + hit + " breaks contract '" + b.name() + "': " + String.join(", ", b.from())
                                    + " must not import " + String.join(", ", b.forbid()) + "; allowed route: " + route,
                            Map.of("contract", b.name(), "import", hit)));
                }
            }
        });
        return out;
    }

    private static String forbidden(Contract c, List<String> targets) {
        for (String t : targets) {
            boolean allowed = c.allowModules.stream().anyMatch(a -> ImportTarget.within(t, a));
            if (allowed) {
                continue;
            }
            for (String f : c.forbid) {
                if (ImportTarget.within(t, f)) {
                    return t;
                }
            }
        }
        return null;
    }
}
