package io.github.recoverygates.recovery;

import io.github.recoverygates.core.ParameterType;
import io.github.recoverygates.core.Metric;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.recoverygates.core.Config;
import io.github.recoverygates.core.ConfigException;
import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.Gate;
import io.github.recoverygates.core.GateDescription;
import io.github.recoverygates.core.GateContext;
import io.github.recoverygates.core.GateOutcome;
import io.github.recoverygates.core.SecretMasker;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.core.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * recoveryGate: is everything this system needs present and up, in the right order, and if not,
 * what is the first cause? Checks the environment, the configured ports, and probes every service
 * along the {@code dependsOn} DAG within one wait budget.
 */
public final class RecoveryGate implements Gate {

    static final String KEY = "recovery";
    static final String CHECK_FAILED = "recovery/check-failed";
    static final String CHECK_SKIPPED = "recovery/check-skipped";
    static final String DEGRADED = "recovery/degraded";

    private static final GateDescription DESCRIPTION = GateDescription.of("recovery", KEY)
            .description("Is every variable, port and service the system needs present and up, in dependency order? "
                    + "Names the first cause.")
            .order(1)
            .config(RecoveryConfig.class)
            .parameter("envFiles", "recovery.envFiles", ParameterType.LIST,
                    "Dotenv files whose variables the checks and the environment rules read.")
            .parameter("timeout", "recovery.wait.timeout", ParameterType.DURATION,
                    "The wait budget: how long services may take to come up (e.g. 2m).")
            .parameter("interval", "recovery.wait.interval", ParameterType.DURATION,
                    "The pause between attempts of a check that is not up yet (e.g. 1s).")
            .keyMetrics(Metric.count("checks.total", "checks"), Metric.count("checks.up", "up"),
                    Metric.count("checks.down", "down"), Metric.count("checks.skipped", "skipped"),
                    Metric.count("checks.degraded", "degraded"))
            .trend("checks up")
            .rule(CHECK_FAILED, "A critical service check that did not come up within the wait budget")
            .rule(CHECK_SKIPPED, "A check that was not tried because a check it depends on failed, or a variable it needs is not set")
            .rule(DEGRADED, "A non-critical service check that is down: the system runs degraded")
            .readsNoFiles()
            .build();

    private static final Pattern REQUIRED_VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");






    @Override
    public GateDescription describe() {
        return DESCRIPTION;
    }

    @Override
    public void validate(Config config) {
        tolerateMissingCheckVariables(config, config.environment(KEY), new LinkedHashMap<>())
                .section(KEY, RecoveryConfig.class);
    }






    @Override
    public GateOutcome run(GateContext context) throws InterruptedException {
        Config config = context.config();
        JsonNode envFiles = config.rawSection(KEY).get("envFiles");
        if (envFiles != null && envFiles.isTextual()) {
            // core's Config.environment reads envFiles only as a list; a single file is a list of one here
            config = config.with(KEY + ".envFiles", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                    .arrayNode().add(envFiles));
        }
        SecretMasker masker = context.masker();
        Map<String, String> env = config.environment(KEY);
        Map<String, Set<String>> missingByCheck = new LinkedHashMap<>();
        Config bound = tolerateMissingCheckVariables(config, env, missingByCheck);
        RecoveryConfig rc = bound.section(KEY, RecoveryConfig.class);
        CheckGraph.of(rc.checks(), config, KEY);

        EnvCheck.registerSecrets(rc.env(), env, masker);
        List<Finding> findings = new ArrayList<>(EnvCheck.check(rc.env(), env));
        Set<String> reported = new LinkedHashSet<>();
        findings.stream().filter(f -> f.ruleId().equals(EnvCheck.MISSING)).forEach(f -> reported.add(f.properties().get("variable")));
        missingByCheck.forEach((check, names) -> names.stream().filter(reported::add).forEach(name ->
                findings.add(EnvCheck.finding(EnvCheck.MISSING, Severity.ERROR, "environment",
                        "variable " + name + " is not set, and check '" + check + "' needs it", name))));

        List<Finding> portFindings = PortCheck.check(rc.ports(), context.root());
        findings.addAll(portFindings);

        java.time.Instant checksStarted;
        List<CheckResult> results;
        long wallMs;
        try (HttpClients clients = new HttpClients()) {
            List<CheckRunner.Node> nodes = nodes(rc, missingByCheck, context, masker, clients);
            checksStarted = java.time.Instant.now();
            long t0 = System.nanoTime();
            results = new CheckRunner(rc.waitPolicy(), masker, context.progress()).run(nodes);
            wallMs = (System.nanoTime() - t0) / 1_000_000;
        }
        Map<String, RecoveryReport.Location> locations = new LinkedHashMap<>();
        for (int i = 0; i < rc.checks().size(); i++) {
            RecoveryReport.Location at = locate(config, context.root(), "/" + KEY + "/checks/" + i);
            if (at != null) {
                locations.put(rc.checks().get(i).name(), at);
            }
        }
        return RecoveryReport.outcome(rc, results, findings, checksStarted, wallMs, masker, locations);
    }

    /**
     * Where the value at {@code pointer} is in the config file, relative to {@code root} — null when the
     * config is outside the root, built in, or the value came from an override ({@code --set}): a SARIF
     * result or an annotation can only point into the checked repository.
     */
    static RecoveryReport.Location locate(Config config, Path root, String pointer) {
        String source = config.source();
        Path file;
        try {
            file = Path.of(source).toAbsolutePath().normalize();
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
        Path base = root.toAbsolutePath().normalize();
        String where = config.where(pointer);
        if (!file.startsWith(base) || !Files.isRegularFile(file) || !where.startsWith(source + ":")) {
            return null;
        }
        String[] lineColumn = where.substring(source.length() + 1).split(":");
        try {
            int line = Integer.parseInt(lineColumn[0]);
            int column = lineColumn.length > 1 ? Integer.parseInt(lineColumn[1]) : 0;
            return new RecoveryReport.Location(base.relativize(file).toString().replace('\\', '/'), line, column);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** One node per check: its probe, or why it is not tried (variables it needs are not set). */
    private static List<CheckRunner.Node> nodes(RecoveryConfig rc, Map<String, Set<String>> missingByCheck,
                                                GateContext context, SecretMasker masker, HttpClients clients) {
        List<CheckRunner.Node> nodes = new ArrayList<>();
        for (int i = 0; i < rc.checks().size(); i++) {
            CheckSpec spec = rc.checks().get(i);
            Set<String> missing = missingByCheck.get(spec.name());
            if (missing != null) {
                nodes.add(new CheckRunner.Node(spec, null, String.join(", ", missing)
                        + (missing.size() == 1 ? " is" : " are") + " not set"));
            } else {
                nodes.add(new CheckRunner.Node(spec, probe(spec, i, context, masker, clients), null));
            }
        }
        return nodes;
    }

    private static Probe probe(CheckSpec spec, int index, GateContext context, SecretMasker masker,
                               HttpClients clients) {
        String pointer = "/" + KEY + "/checks/" + index;
        SSLContext tls = null;
        if (spec.caFile() != null) {
            Path ca = context.root().resolve(spec.caFile()).normalize();
            try {
                tls = TrustFiles.trusting(ca);
            } catch (IOException | GeneralSecurityException e) {
                throw new ConfigException(context.config().where(pointer + "/caFile") + ": " + KEY + ".checks."
                        + index + ".caFile: cannot read CA file " + spec.caFile() + ": " + e.getMessage(), e);
            }
        }
        try {
            return switch (spec.type()) {
                case HTTP -> new HttpProbe(spec, clients.get(target(spec), spec.caFile(), tls, spec.followRedirects()), masker);
                case WEBSOCKET -> new WebSocketProbe(spec, clients.get(target(spec), spec.caFile(), tls, false));
                case TCP -> new TcpProbe(spec);
                case REDIS -> {
                    RedisProbe p = new RedisProbe(spec, tls, masker);
                    masker.register(p.password());
                    yield p;
                }
                case POSTGRES -> {
                    PostgresProbe p = new PostgresProbe(spec);
                    masker.register(p.password());
                    yield p;
                }
                case COMMAND -> new CommandProbe(spec, context.root(), context.environment(), masker);
            };
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            String field = spec.type() == CheckType.COMMAND ? "command" : spec.url() != null ? "url" : "host";
            throw new ConfigException(context.config().where(pointer + "/" + field) + ": " + KEY + ".checks."
                    + index + "." + field + ": " + masker.mask(e.getMessage()), e);
        }
    }

    /** The URL of an http or websocket check (a malformed one is the probe's config error). */
    private static java.net.URI target(CheckSpec spec) {
        return java.net.URI.create(spec.url());
    }

    /**
     * A check whose URL names a variable that is not set is not a config error but a finding: the
     * check is skipped because of the environment, which is the first cause the seeds kept missing. Such
     * references are rewritten to {@code ${NAME:-}} before binding, and remembered per check.
     */
    private static Config tolerateMissingCheckVariables(Config config, Map<String, String> env,
                                                        Map<String, Set<String>> missingByCheck) {
        JsonNode checks = config.rawSection(KEY).get("checks");
        if (checks == null || !checks.isArray()) {
            return config;
        }
        ArrayNode patched = checks.deepCopy();
        boolean changed = false;
        for (JsonNode check : patched) {
            if (!check.isObject()) {
                continue;
            }
            String name = check.path("name").asText("?");
            Set<String> missing = new LinkedHashSet<>();
            changed |= patch((ObjectNode) check, env, missing);
            if (!missing.isEmpty()) {
                missingByCheck.put(name, missing);
            }
        }
        return changed ? config.with(KEY + ".checks", patched) : config;
    }

    private static boolean patch(ObjectNode object, Map<String, String> env, Set<String> missing) {
        boolean changed = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode value = e.getValue();
            if (value.isTextual()) {
                Matcher m = REQUIRED_VARIABLE.matcher(value.asText());
                StringBuilder out = new StringBuilder();
                boolean hit = false;
                while (m.find()) {
                    String v = env.get(m.group(1));
                    if (v == null || v.isEmpty()) {
                        missing.add(m.group(1));
                        m.appendReplacement(out, Matcher.quoteReplacement("${" + m.group(1) + ":-}"));
                        hit = true;
                    }
                }
                if (hit) {
                    m.appendTail(out);
                    e.setValue(TextNode.valueOf(out.toString()));
                    changed = true;
                }
            } else if (value.isObject()) {
                changed |= patch((ObjectNode) value, env, missing);
            }
        }
        return changed;
    }

    static Map<String, String> props(Object... keyValues) {
        Map<String, String> m = new TreeMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                m.put(String.valueOf(keyValues[i]), String.valueOf(keyValues[i + 1]));
            }
        }
        return m;
    }

    static Verdict verdictFloor(List<CheckResult> results) {
        boolean degraded = results.stream().anyMatch(r -> !r.critical() && r.state() != CheckState.UP);
        return degraded ? Verdict.WARN : Verdict.PASS;
    }
}
