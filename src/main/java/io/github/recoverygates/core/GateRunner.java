package io.github.recoverygates.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one gate and makes its report model: adds the workspace problems, compares with the
 * baseline, applies the fail-on policy, masks secrets in every message. A gate that cannot run
 * gives an ERROR result; a config mistake propagates as {@link ConfigException}.
 */
public final class GateRunner {

    private final Clock clock;

    public GateRunner(Clock clock) {
        this.clock = clock;
    }

    public GateRunner() {
        this(Clock.systemUTC());
    }

    public GateResult run(Gate gate, GateContext context, FailOn failOn, Baseline baseline)
            throws InterruptedException {
        return run(gate, context, RunPolicy.of(failOn, baseline));
    }

    public GateResult run(Gate gate, GateContext context, RunPolicy policy) throws InterruptedException {
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        GateOutcome outcome;
        try {
            outcome = gate.run(context);
        } catch (GateException e) {
            return GateResult.error(gate.name(), started, elapsed(t0), context.masker().mask(e.getMessage()));
        } catch (ConfigException | InterruptedException e) {
            throw e;
        } catch (RuntimeException e) {
            String reason = "internal error in gate " + gate.name() + ": " + e;
            return GateResult.error(gate.name(), started, elapsed(t0), context.masker().mask(reason));
        }
        List<Finding> findings = findings(gate, context, outcome);
        BaselineDiff diff = null;
        if (policy.baseline() != null) {
            Baseline.Comparison comparison = policy.baseline().compare(findings);
            findings = new ArrayList<>(comparison.findings());
            diff = comparison.diff();
        }
        findings.addAll(baselineNotes(policy, diff));
        Verdict verdict = VerdictPolicy.decide(findings, outcome.thresholds(), policy, diff, outcome.minimumVerdict());
        return new GateResult(GateResult.SCHEMA_VERSION, gate.name(), verdict, context.masker().mask(outcome.summary()),
                started, elapsed(t0), metrics(outcome, findings, diff), outcome.thresholds(), diff, findings,
                outcome.sections(), new java.util.TreeMap<>(outcome.details()), shardInfo(gate, context));
    }

    /**
     * The gate's findings with every message and property masked, the run's notices, the workspace
     * problems in the selected files (for gates that read files), fingerprinted and placed in the change.
     */
    private static List<Finding> findings(Gate gate, GateContext context, GateOutcome outcome) {
        SecretMasker masker = context.masker();
        List<Finding> findings = new ArrayList<>(outcome.findings().size());
        for (Finding f : outcome.findings()) {
            Map<String, String> props = new HashMap<>();
            f.properties().forEach((k, v) -> props.put(k, masker.mask(v)));
            findings.add(f.toBuilder().message(masker.mask(f.message())).properties(props).build());
        }
        for (String notice : List.copyOf(context.notices())) {
            findings.add(Finding.builder("run/notice", Severity.NOTE).category("notice").message(notice).build());
        }
        if (context.workspace() != null && gate.readsFiles()) {
            findings.addAll(context.workspace().problems().stream().filter(p -> context.selected(p.file())).toList());
        }
        findings = Fingerprints.of(findings, context.root());
        if (context.changes() != null) {
            ChangedLines changes = context.changes();
            findings.replaceAll(f -> f.withDiff(changes.position(f)));
        }
        return findings;
    }

    /** What the policy says of the baseline: stale entries under --strict-baseline, or --fail-on new without one. */
    private static List<Finding> baselineNotes(RunPolicy policy, BaselineDiff diff) {
        Baseline baseline = policy.baseline();
        if (baseline != null && policy.strictBaseline() && diff.fixedCount() > 0) {
            return List.of(Finding.builder("run/stale-baseline", Severity.ERROR).category("baseline")
                    .message("the baseline lists " + diff.fixedCount() + " finding(s) this run no longer has; "
                            + "--strict-baseline asks for an up-to-date baseline: replace " + baseline.file()
                            + " with this run's report").build());
        }
        if (baseline == null && policy.failOn() == FailOn.NEW) {
            return List.of(Finding.builder("run/no-baseline", Severity.NOTE).category("baseline")
                    .message("--fail-on new without a baseline: on a first run nothing is new, so nothing fails; "
                            + "keep this report as the next run's --baseline").build());
        }
        return List.of();
    }

    /** The gate's metrics with the finding counts by severity and, against a baseline, the diff's counts; sorted. */
    private static java.util.SortedMap<String, Number> metrics(GateOutcome outcome, List<Finding> findings,
                                                              BaselineDiff diff) {
        Map<String, Number> metrics = new LinkedHashMap<>(outcome.metrics());
        metrics.put("findings.error", findings.stream().filter(f -> f.severity() == Severity.ERROR).count());
        metrics.put("findings.warning", findings.stream().filter(f -> f.severity() == Severity.WARNING).count());
        metrics.put("findings.note", findings.stream().filter(f -> f.severity() == Severity.NOTE).count());
        if (diff != null) {
            metrics.put("baseline.new", diff.newCount());
            metrics.put("baseline.fixed", diff.fixedCount());
            metrics.put("baseline.unchanged", diff.unchangedCount());
        }
        return new java.util.TreeMap<>(metrics);
    }

    /** For a shard of a run: its index, and a digest of the file list every shard of the run shares. */
    private static ShardInfo shardInfo(Gate gate, GateContext context) {
        if (context.shard().count() == 1) {
            return null;
        }
        java.security.MessageDigest digest;
        try {
            digest = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
        if (context.workspace() != null && gate.readsFiles()) {
            for (SourceFile f : context.workspace().files()) {
                digest.update(f.path().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
        }
        return new ShardInfo(context.shard().index(), context.shard().count(),
                java.util.HexFormat.of().formatHex(digest.digest()).substring(0, 16));
    }

    private static long elapsed(long t0) {
        return Duration.ofNanos(System.nanoTime() - t0).toMillis();
    }
}
