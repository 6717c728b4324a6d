package io.github.recoverygates.ssot;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code ssot/env-alias}: a name configured as an alias of a canonical variable, used in code or config. */
final class EnvAliasRule implements Rule {

    EnvAliasRule() {
    }

    @Override
    public String id() {
        return "env-alias";
    }

    @Override
    public String description() {
        return "An environment variable read under an alias of its canonical name";
    }

    @Override
    public List<Violation> check(SsotConfig config, ScanIndex index) {
        Map<String, String> aliases = config.aliasToCanonical();
        List<Violation> out = new ArrayList<>();
        if (aliases.isEmpty()) {
            return out;
        }
        index.facts().forEach((path, facts) -> {
            if (!index.reports(path)) {
                return;
            }
            Set<String> seen = new HashSet<>();
            for (FileFacts.Word w : facts.words()) {
                String canonical = aliases.get(w.word());
                if (canonical == null || !seen.add(w.line() + ":" + w.word())) {
                    continue;
                }
                out.add(new Violation("env-alias", config.envAliasSeverity(), "alias", path, w.line(), w.column(),
                        w.word() + " is an alias of " + canonical + "; use " + canonical
                                + " so that one variable configures it everywhere",
                        Map.of("alias", w.word(), "canonical", canonical)));
            }
        });
        return out;
    }
}
