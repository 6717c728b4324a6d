package io.github.recoverygates.ssot;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.recoverygates.core.Config;
import io.github.recoverygates.core.ConfigException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code ssot} section of {@code .recovery-gates.yml}. Every field is nullable in YAML and gets
 * its default here; {@link #validate} checks what Jackson cannot (contradictions, ranges) and names
 * the file and line of the offending value.
 */
public record SsotConfig(List<Canonical> canonical, List<Boundary> boundaries,
                         Map<String, List<String>> envAliases, SsotSeverity envAliasSeverity,
                         List<Deprecated> deprecated, Boolean missingModules, List<String> sourceRoots,
                         FakeSuccess fakeSuccess, Boolean unlistedDuplicates, List<String> duplicateIgnore,
                         Double threshold, Integer criticalThreshold, Long maxFileBytes, List<String> envFiles) {

    public SsotConfig {
        canonical = canonical == null ? List.of() : List.copyOf(canonical);
        boundaries = boundaries == null ? List.of() : List.copyOf(boundaries);
        envAliases = envAliases == null ? Map.of() : new LinkedHashMap<>(envAliases);
        envAliasSeverity = envAliasSeverity == null ? SsotSeverity.HIGH : envAliasSeverity;
        deprecated = deprecated == null ? List.of() : List.copyOf(deprecated);
        missingModules = missingModules == null || missingModules;
        sourceRoots = sourceRoots == null || sourceRoots.isEmpty() ? List.of(".") : List.copyOf(sourceRoots);
        fakeSuccess = fakeSuccess == null ? new FakeSuccess(null, null, null, null, null, null) : fakeSuccess;
        unlistedDuplicates = unlistedDuplicates == null || unlistedDuplicates;
        duplicateIgnore = duplicateIgnore == null ? List.of() : List.copyOf(duplicateIgnore);
        maxFileBytes = maxFileBytes == null ? 5_000_000L : maxFileBytes;
        envFiles = envFiles == null ? List.of() : List.copyOf(envFiles);
    }

    /** The violation levels of the issue, mapped onto report severities. */
    public enum SsotSeverity {
        CRITICAL, HIGH, MEDIUM, LOW;

        public io.github.recoverygates.core.Severity reportSeverity() {
            return switch (this) {
                case CRITICAL, HIGH -> io.github.recoverygates.core.Severity.ERROR;
                case MEDIUM -> io.github.recoverygates.core.Severity.WARNING;
                case LOW -> io.github.recoverygates.core.Severity.NOTE;
            };
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Whether a violation of this level makes a file non-compliant. */
        public boolean blocksCompliance() {
            return this == CRITICAL || this == HIGH;
        }
    }

    public enum Kind { CLASS, FUNCTION }

    public enum Match { EXACT, SUFFIX }

    /** One name that must be defined once, at {@code path}. */
    public record Canonical(String name, String path, Kind kind, Match match, SsotSeverity severity) {
        public Canonical {
            kind = kind == null ? Kind.CLASS : kind;
            match = match == null ? Match.EXACT : match;
            severity = severity == null ? SsotSeverity.HIGH : severity;
        }

        boolean matches(String defined) {
            return match == Match.EXACT ? defined.equals(name) : defined.endsWith(name);
        }
    }

    /** A forbidden import contract: files under {@code from} must not import {@code forbid}, unless {@code allow}. */
    public record Boundary(String name, @JsonProperty("from") List<String> from, List<String> forbid,
                           List<String> allow, SsotSeverity severity) {
        public Boundary {
            from = from == null ? List.of() : List.copyOf(from);
            forbid = forbid == null ? List.of() : List.copyOf(forbid);
            allow = allow == null ? List.of() : List.copyOf(allow);
            severity = severity == null ? SsotSeverity.HIGH : severity;
        }
    }

    /** A deprecated symbol or module and its replacement. */
    public record Deprecated(String symbol, String module, String use, SsotSeverity severity) {
        public Deprecated {
            severity = severity == null ? SsotSeverity.MEDIUM : severity;
        }
    }

    /** What counts as success that cannot fail. */
    public record FakeSuccess(Boolean enabled, List<String> disabledMarkers, List<String> checkNames,
                              List<String> criticalScopes, String skipReasons, SsotSeverity severity) {
        public static final List<String> DEFAULT_CHECK_NAMES =
                List.of("validate_*", "check_*", "verify_*", "is_healthy", "health_check*");
        public static final List<String> DEFAULT_CRITICAL_SCOPES =
                List.of("tests/mission_critical/**", "**/mission_critical/**", "tests/critical/**");
        public static final String DEFAULT_SKIP_REASONS =
                "(?i)\\b(docker|real[ _-]?services?|redis|postgres(ql)?|database|staging|service[s]? (is |are )?(not )?(available|unavailable|running|down))\\b";

        public FakeSuccess {
            enabled = enabled == null || enabled;
            disabledMarkers = disabledMarkers == null ? List.of() : List.copyOf(disabledMarkers);
            checkNames = checkNames == null ? DEFAULT_CHECK_NAMES : List.copyOf(checkNames);
            criticalScopes = criticalScopes == null ? DEFAULT_CRITICAL_SCOPES : List.copyOf(criticalScopes);
            skipReasons = skipReasons == null ? DEFAULT_SKIP_REASONS : skipReasons;
            severity = severity == null ? SsotSeverity.HIGH : severity;
        }
    }

    /** Checks what binding cannot: empty names, contradictions, ranges. */
    void validate(Config config) {
        for (int i = 0; i < canonical.size(); i++) {
            Canonical c = canonical.get(i);
            String at = "/ssot/canonical/" + i;
            require(config, c.name() != null && !c.name().isBlank(), at, "ssot.canonical[" + i + "].name is required");
            require(config, c.path() != null && !c.path().isBlank(), at, "ssot.canonical[" + i + "].path is required");
        }
        for (int i = 0; i < boundaries.size(); i++) {
            validateBoundary(config, i);
        }
        validateEnvAliases(config);
        for (int i = 0; i < deprecated.size(); i++) {
            Deprecated d = deprecated.get(i);
            require(config, (d.symbol() == null) != (d.module() == null), "/ssot/deprecated/" + i,
                    "ssot.deprecated[" + i + "]: give exactly one of 'symbol' or 'module'");
        }
        if (threshold != null) {
            require(config, threshold >= 0 && threshold <= 100, "/ssot/threshold",
                    "ssot.threshold: must be a percentage between 0 and 100, got " + threshold);
        }
        if (criticalThreshold != null) {
            require(config, criticalThreshold >= 0, "/ssot/criticalThreshold",
                    "ssot.criticalThreshold: must be 0 or more, got " + criticalThreshold);
        }
        try {
            Pattern.compile(fakeSuccess.skipReasons());
        } catch (PatternSyntaxException e) {
            throw new ConfigException(config.where("/ssot/fakeSuccess/skipReasons")
                    + ": ssot.fakeSuccess.skipReasons: not a regular expression: " + e.getDescription());
        }
        for (String root : sourceRoots) {
            require(config, !root.startsWith("/") && !root.contains(".."), "/ssot/sourceRoots",
                    "ssot.sourceRoots: '" + root + "' must be a directory inside the root");
        }
    }

    /** A boundary needs a name, files and modules, and no allow entry that makes it unbreakable. */
    private void validateBoundary(Config config, int i) {
        Boundary b = boundaries.get(i);
        String at = "/ssot/boundaries/" + i;
        String label = "ssot.boundaries[" + i + "]" + (b.name() == null ? "" : " '" + b.name() + "'");
        require(config, b.name() != null && !b.name().isBlank(), at, label + ": name is required");
        require(config, !b.from().isEmpty(), at, label + ": 'from' lists no file globs");
        require(config, !b.forbid().isEmpty(), at, label + ": 'forbid' lists no modules");
        for (int j = 0; j < b.allow().size(); j++) {
            String allow = b.allow().get(j);
            if (b.from().contains(allow)) {
                throw new ConfigException(config.where(at + "/allow/" + j) + ": " + label + ": allow '" + allow
                        + "' is also in 'from', so the contract could never be broken (contradictory boundary)");
            }
            if (!BoundaryRule.isModulePattern(allow)) {
                continue;
            }
            String allowed = ImportTarget.normalize(allow);
            for (String forbid : b.forbid()) {
                if (ImportTarget.within(ImportTarget.normalize(forbid), allowed)) {
                    throw new ConfigException(config.where(at + "/allow/" + j) + ": " + label + ": allow '"
                            + allow + "' permits all of forbidden '" + forbid + "' (contradictory boundary)");
                }
            }
        }
    }

    /** Aliases are variable names, none its own canonical name or a canonical name, none of two names. */
    private void validateEnvAliases(Config config) {
        Map<String, String> aliasOwner = new HashMap<>();
        for (Map.Entry<String, List<String>> e : envAliases.entrySet()) {
            String at = "/ssot/envAliases/" + e.getKey();
            for (String alias : e.getValue() == null ? List.<String>of() : e.getValue()) {
                require(config, alias != null && alias.matches("[A-Za-z_][A-Za-z0-9_]*"), at,
                        "ssot.envAliases." + e.getKey() + ": '" + alias + "' is not a variable name");
                require(config, !alias.equals(e.getKey()), at,
                        "ssot.envAliases." + e.getKey() + ": a name cannot be an alias of itself");
                require(config, !envAliases.containsKey(alias), at,
                        "ssot.envAliases." + e.getKey() + ": '" + alias + "' is itself a canonical name");
                String before = aliasOwner.putIfAbsent(alias, e.getKey());
                require(config, before == null, at, "ssot.envAliases: '" + alias + "' is an alias of both "
                        + before + " and " + e.getKey());
            }
        }
    }

    /** Every alias with its canonical name. */
    Map<String, String> aliasToCanonical() {
        Map<String, String> out = new LinkedHashMap<>();
        envAliases.forEach((canonicalName, aliases) -> {
            for (String a : aliases == null ? List.<String>of() : aliases) {
                out.put(a, canonicalName);
            }
        });
        return out;
    }

    List<String> deprecatedSymbols() {
        List<String> out = new ArrayList<>();
        for (Deprecated d : deprecated) {
            if (d.symbol() != null) {
                out.add(d.symbol());
            }
        }
        return out;
    }

    private static void require(Config config, boolean ok, String pointer, String message) {
        if (!ok) {
            throw new ConfigException(config.where(pointer) + ": " + message);
        }
    }
}
