package io.github.recoverygates.ssot;

import io.github.recoverygates.ssot.SsotConfig.Deprecated;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code ssot/deprecated}: imports of deprecated modules and uses of deprecated symbols, with the replacement. */
final class DeprecatedRule implements Rule {

    DeprecatedRule() {
    }

    @Override
    public String id() {
        return "deprecated";
    }

    @Override
    public String description() {
        return "Use of a deprecated symbol or module that has a replacement";
    }

    @Override
    public List<Violation> check(SsotConfig config, ScanIndex index) {
        List<Violation> out = new ArrayList<>();
        if (config.deprecated().isEmpty()) {
            return out;
        }
        index.facts().forEach((path, facts) -> {
            if (!index.reports(path) || facts.language().equals("config")) {
                return;
            }
            List<ModuleResolver.Resolution> resolved = index.resolutionsOf(path);
            for (Deprecated d : config.deprecated()) {
                if (d.module() != null) {
                    String module = ImportTarget.normalize(d.module());
                    for (int i = 0; i < facts.imports().size() && i < resolved.size(); i++) {
                        String hit = resolved.get(i).targets().stream().filter(t -> ImportTarget.within(t, module))
                                .findFirst().orElse(null);
                        if (hit != null) {
                            FileFacts.Import imp = facts.imports().get(i);
                            out.add(new Violation("deprecated", d.severity(), "module", path, imp.line(), imp.column(),
                                    "import of deprecated module " + d.module() + replacement(d),
                                    props(d.module(), d.use())));
                        }
                    }
                } else {
                    Set<Integer> definedAt = new HashSet<>();
                    facts.definitions().stream().filter(def -> def.name().equals(d.symbol()))
                            .forEach(def -> definedAt.add(def.line()));
                    Set<Integer> seen = new HashSet<>();
                    for (FileFacts.Word w : facts.words()) {
                        if (w.inString() || !w.word().equals(d.symbol()) || definedAt.contains(w.line())
                                || !seen.add(w.line())) {
                            continue;
                        }
                        out.add(new Violation("deprecated", d.severity(), "symbol", path, w.line(), w.column(),
                                "use of deprecated " + d.symbol() + replacement(d), props(d.symbol(), d.use())));
                    }
                }
            }
        });
        return out;
    }

    private static String replacement(Deprecated d) {
        return d.use() == null ? "" : "; use " + d.use() + " instead";
    }

    private static Map<String, String> props(String deprecated, String use) {
        return use == null ? Map.of("deprecated", deprecated) : Map.of("deprecated", deprecated, "use", use);
    }
}
