package io.github.recoverygates.recovery;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Environment rules.
 *
 * @param required variables that must be set and non-empty
 * @param secrets  variables holding secrets, with their rules; their values are never printed
 * @param aliases  canonical name → other names people used for it (JWT_SECRET_KEY → [JWT_SECRET])
 */
public record EnvRules(List<String> required, Map<String, SecretRule> secrets, Map<String, List<String>> aliases) {

    public EnvRules {
        required = required == null ? List.of() : List.copyOf(required);
        secrets = secrets == null ? Map.of() : new TreeMap<>(secrets);
        aliases = aliases == null ? Map.of() : new TreeMap<>(aliases);
    }

    /** @param minLength the shortest acceptable value, or null for no length rule */
    public record SecretRule(Integer minLength) {
        public SecretRule {
            if (minLength != null && minLength < 0) {
                throw new IllegalArgumentException("minLength must be at least 0, not " + minLength);
            }
        }
    }
}
