package io.github.recoverygates.recovery;

import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.SecretMasker;
import io.github.recoverygates.core.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The environment rules: required variables set and non-empty, secrets long enough, aliases
 * that disagree with their canonical name. Values of secrets are registered with the masker and
 * never appear in a message: only names and lengths do.
 */
final class EnvCheck {

    static final String MISSING = "recovery/env-missing";
    static final String SECRET_SHORT = "recovery/env-secret-short";
    static final String ALIAS = "recovery/env-alias";
    static final String ALIAS_CONFLICT = "recovery/env-alias-conflict";

    private EnvCheck() {
    }

    /** Registers every secret value the rules name with the masker. */
    static void registerSecrets(EnvRules rules, Map<String, String> env, SecretMasker masker) {
        Set<String> names = new TreeSet<>(rules.secrets().keySet());
        rules.required().stream().filter(SecretMasker::isSecretName).forEach(names::add);
        for (String name : List.copyOf(names)) {
            names.addAll(rules.aliases().getOrDefault(name, List.of()));
        }
        rules.aliases().forEach((canonical, aliases) -> {
            if (SecretMasker.isSecretName(canonical)) {
                names.add(canonical);
                names.addAll(aliases);
            }
        });
        env.forEach((k, v) -> {
            if (SecretMasker.isSecretName(k)) {
                names.add(k);
            }
        });
        names.forEach(n -> masker.register(env.get(n)));
    }

    static List<Finding> check(EnvRules rules, Map<String, String> env) {
        List<Finding> findings = new ArrayList<>();
        for (String name : rules.required()) {
            String value = env.get(name);
            if (value == null || value.isEmpty()) {
                String setAlias = rules.aliases().getOrDefault(name, List.of()).stream()
                        .filter(a -> env.get(a) != null && !env.get(a).isEmpty()).findFirst().orElse(null);
                String message = "required variable " + name + (value == null ? " is not set" : " is empty")
                        + (setAlias == null ? "" : " (" + setAlias + " is set: rename it to " + name + ")");
                findings.add(finding(MISSING, Severity.ERROR, "environment", message, name));
            }
        }
        rules.secrets().forEach((name, rule) -> {
            String value = env.get(name);
            if (value != null && !value.isEmpty() && rule.minLength() != null && value.length() < rule.minLength()) {
                findings.add(finding(SECRET_SHORT, Severity.ERROR, "secret",
                        "secret " + name + " is " + value.length() + " characters long; it needs at least "
                                + rule.minLength(), name));
            }
        });
        rules.aliases().forEach((canonical, aliases) -> {
            String value = env.get(canonical);
            for (String alias : aliases) {
                String aliasValue = env.get(alias);
                if (aliasValue == null) {
                    continue;
                }
                if (value == null || value.isEmpty()) {
                    if (!rules.required().contains(canonical)) {
                        findings.add(finding(ALIAS, Severity.WARNING, "alias", alias + " is set but the code reads "
                                + canonical + ": rename it", alias));
                    }
                } else if (value.equals(aliasValue)) {
                    findings.add(finding(ALIAS, Severity.WARNING, "alias", alias + " duplicates " + canonical
                            + " (same value): remove the alias so that one name remains", alias));
                } else {
                    findings.add(finding(ALIAS_CONFLICT, Severity.ERROR, "alias", alias + " and " + canonical
                            + " are both set, to different values: services reading one or the other disagree", alias));
                }
            }
        });
        return findings;
    }

    static Finding finding(String rule, Severity severity, String category, String message, String variable) {
        return Finding.builder(rule, severity).category(category).message(message).properties(Map.of("variable", variable)).build();
    }
}
