package io.github.recoverygates.recovery;

import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.GateOutcome;
import io.github.recoverygates.core.SecretMasker;
import io.github.recoverygates.core.Graph;
import io.github.recoverygates.core.Section;
import io.github.recoverygates.core.Table;
import io.github.recoverygates.core.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Turns the check results into the gate's findings, metrics, summary, graph and timeline. */
final class RecoveryReport {

    private RecoveryReport() {
    }

    /** Where a check is defined in the config file, relative to the root (for SARIF and annotations). */
    record Location(String file, int line, int column) {
    }

    static GateOutcome outcome(RecoveryConfig config, List<CheckResult> results, List<Finding> otherFindings,
                               java.time.Instant checksStarted, long wallMs, SecretMasker masker,
                               Map<String, Location> locations) {
        Map<String, CheckResult> byName = new LinkedHashMap<>();
        results.forEach(r -> byName.put(r.name(), r));
        List<Finding> findings = findings(results, otherFindings, byName, locations, masker);
        Map<String, Number> metrics = metrics(results, otherFindings, wallMs);
        String summary = masker.mask(summary(results, byName, otherFindings, wallMs));
        List<Section> sections = List.of(graph(config, results, byName, masker), checksTable(results, byName, masker),
                timelineSection(results, masker));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("checksStartedAt", checksStarted.toString()); // the zero of every *Ms offset
        details.put("checks", results);
        details.put("rootCauses", results.stream().filter(r -> r.state() != CheckState.UP)
                .map(r -> masker.mask(chain(r, byName))).toList());
        return GateOutcome.builder(summary).metrics(metrics).findings(findings).sections(sections).details(details)
                .minimumVerdict(RecoveryGate.verdictFloor(results)).build();
    }

    /** The environment and port findings, then one per check that is not up, at its place in the config; masked. */
    private static List<Finding> findings(List<CheckResult> results, List<Finding> otherFindings,
                                          Map<String, CheckResult> byName, Map<String, Location> locations,
                                          SecretMasker masker) {
        List<Finding> findings = new ArrayList<>(otherFindings);
        for (CheckResult r : results) {
            Finding.Builder f = switch (r.state()) {
                case UP -> null;
                case DOWN -> Finding.builder(RecoveryGate.CHECK_FAILED, Severity.ERROR).message(message(r));
                case DEGRADED -> Finding.builder(RecoveryGate.DEGRADED, Severity.WARNING)
                        .message(message(r) + " (not critical: the system runs degraded)");
                // a skipped check is a consequence: its cause is the failed dependency's (or the environment's) finding
                case SKIPPED -> Finding.builder(RecoveryGate.CHECK_SKIPPED, Severity.NOTE)
                        .message(skipped(r, byName) + (r.critical() ? "" : " (not critical: degraded)"));
            };
            if (f == null) {
                continue;
            }
            Location at = locations.get(r.name());
            if (at != null) {
                f.file(at.file()).at(at.line(), at.column());
            }
            findings.add(f.category(r.type().id()).properties(RecoveryGate.props("check", r.name(), "state", r.state().id(),
                    "blockedBy", r.blockedBy(), "rootCause", root(r, byName).name(), "expected", r.expected(),
                    "actual", r.actual(), "latencyMs", r.latencyMs())).build());
        }
        findings.replaceAll(f -> f.toBuilder().message(masker.mask(f.message())).build());
        return findings;
    }

    /** Counts by state, attempts, times, and per check its attempts, latency and when it was up. */
    private static Map<String, Number> metrics(List<CheckResult> results, List<Finding> otherFindings, long wallMs) {
        Map<String, Number> metrics = new TreeMap<>();
        metrics.put("checks.total", results.size());
        metrics.put("checks.up", count(results, CheckState.UP));
        metrics.put("checks.down", count(results, CheckState.DOWN));
        metrics.put("checks.skipped", count(results, CheckState.SKIPPED));
        metrics.put("checks.degraded", results.stream().filter(r -> !r.critical() && r.state() != CheckState.UP).count());
        metrics.put("checks.attempts", results.stream().mapToLong(r -> r.attempts().size()).sum());
        metrics.put("time.wallMs", wallMs);
        boolean ready = results.stream().allMatch(r -> !r.critical() || r.state() == CheckState.UP);
        metrics.put("ready", ready ? 1 : 0);
        if (ready) {
            metrics.put("time.toReadyMs", results.stream().filter(r -> r.upAtMs() != null)
                    .mapToLong(CheckResult::upAtMs).max().orElse(0));
        }
        for (CheckResult r : results) {
            metrics.put("check." + r.name() + ".attempts", r.attempts().size());
            if (r.latencyMs() != null) {
                metrics.put("check." + r.name() + ".latencyMs", r.latencyMs());
            }
            if (r.upAtMs() != null) {
                metrics.put("check." + r.name() + ".upAtMs", r.upAtMs());
            }
        }
        metrics.put("env.problems", otherFindings.stream().filter(f -> f.ruleId().startsWith("recovery/env-")).count());
        metrics.put("ports.mismatch", otherFindings.stream().filter(f -> f.ruleId().equals(PortCheck.MISMATCH)).count());
        return metrics;
    }

    /** A check that is down: its cause, and what it expected and got when the service answered something else. */
    private static String message(CheckResult r) {
        String head = r.attempts().isEmpty() ? r.name() + " is not up: " + r.cause()
                : r.name() + " is down after " + attempts(r) + ": " + r.cause();
        boolean answered = r.expected() != null && r.actual() != null && !r.actual().equals(r.cause());
        return answered ? head + " (expected " + r.expected() + "; got " + r.actual() + ")" : head;
    }

    /** "backend skipped: dependency auth was skipped, because dependency postgres failed: connection refused …". */
    static String skipped(CheckResult r, Map<String, CheckResult> byName) {
        return r.name() + " skipped: " + reason(r, byName, new LinkedHashSet<>());
    }

    private static String reason(CheckResult r, Map<String, CheckResult> byName, Set<String> seen) {
        if (CheckResult.ENVIRONMENT.equals(r.blockedBy()) || r.blockedBy() == null || !seen.add(r.name())) {
            return String.valueOf(r.cause());
        }
        CheckResult dep = byName.get(r.blockedBy());
        if (dep == null) {
            return "dependency " + r.blockedBy() + " did not finish";
        }
        if (dep.state() == CheckState.SKIPPED) {
            return "dependency " + dep.name() + " was skipped, because " + reason(dep, byName, seen);
        }
        return "dependency " + dep.name() + " failed: " + dep.cause();
    }

    /** The message of a check that is not up, from symptom to first cause. */
    static String chain(CheckResult result, Map<String, CheckResult> byName) {
        if (result.state() == CheckState.SKIPPED) {
            return skipped(result, byName);
        }
        return result.name() + ": " + (result.cause() == null ? result.state().id() : result.cause());
    }

    static CheckResult root(CheckResult result, Map<String, CheckResult> byName) {
        CheckResult current = result;
        Set<String> seen = new LinkedHashSet<>();
        while (current.state() == CheckState.SKIPPED && current.blockedBy() != null && seen.add(current.name())) {
            CheckResult next = byName.get(current.blockedBy());
            if (next == null) {
                break;
            }
            current = next;
        }
        return current;
    }

    private static String summary(List<CheckResult> results, Map<String, CheckResult> byName,
                                  List<Finding> otherFindings, long wallMs) {
        List<String> parts = new ArrayList<>();
        long up = count(results, CheckState.UP);
        long env = otherFindings.stream().filter(f -> f.ruleId().startsWith("recovery/env-") && f.severity() == Severity.ERROR).count();
        long ports = otherFindings.stream().filter(f -> f.ruleId().equals(PortCheck.MISMATCH)).count();
        if (results.isEmpty()) {
            parts.add("no service checks configured");
        } else if (up == results.size()) {
            parts.add("all " + results.size() + " checks up in " + wallMs + " ms");
        } else {
            StringBuilder s = new StringBuilder(up + " of " + results.size() + " checks up");
            for (CheckState state : List.of(CheckState.DOWN, CheckState.SKIPPED, CheckState.DEGRADED)) {
                long n = count(results, state);
                if (n > 0) {
                    s.append(", ").append(n).append(' ').append(state.id());
                }
            }
            // the first cause behind the longest chain of a critical check, and what it took down with it
            results.stream().filter(r -> r.state() != CheckState.UP)
                    .max(Comparator.comparing((CheckResult r) -> r.critical())
                            .thenComparingInt(r -> depth(r, byName)))
                    .ifPresent(r -> {
                        CheckResult cause = root(r, byName);
                        s.append("; first cause: ").append(cause.state() == CheckState.SKIPPED
                                ? cause.name() + " skipped: " + cause.cause()
                                : cause.name() + " is down: " + cause.cause());
                        List<String> victims = results.stream().filter(v -> v.state() == CheckState.SKIPPED
                                && v != cause && root(v, byName) == cause).map(CheckResult::name).toList();
                        if (!victims.isEmpty()) {
                            s.append(" (skipped because of it: ").append(String.join(", ", victims)).append(')');
                        }
                    });
            parts.add(s.toString());
        }
        if (env > 0) {
            parts.add(env + " environment problem" + (env == 1 ? "" : "s"));
        }
        if (ports > 0) {
            parts.add(ports + " port mismatch" + (ports == 1 ? "" : "es"));
        }
        return String.join("; ", parts);
    }

    private static int depth(CheckResult r, Map<String, CheckResult> byName) {
        int depth = 0;
        Set<String> seen = new LinkedHashSet<>();
        for (CheckResult c = r; c != null && c.state() == CheckState.SKIPPED && seen.add(c.name()); c = byName.get(c.blockedBy())) {
            depth++;
        }
        return depth;
    }

    /** The services as a typed graph: a node per check with its state, an edge per dependency. */
    private static Graph graph(RecoveryConfig config, List<CheckResult> results, Map<String, CheckResult> byName,
                               SecretMasker masker) {
        List<Graph.Node> nodes = new ArrayList<>();
        for (CheckResult r : results) {
            nodes.add(new Graph.Node(r.name(), r.name(),
                    r.type().id() + (r.latencyMs() != null ? " · " + r.latencyMs() + " ms" : ""), state(r.state())));
        }
        List<Graph.Edge> edges = new ArrayList<>();
        for (CheckSpec spec : config.checks()) {
            CheckResult target = byName.get(spec.name());
            for (String dep : spec.dependsOn()) {
                boolean blockedHere = target != null && dep.equals(target.blockedBy());
                edges.add(new Graph.Edge(dep, spec.name(), blockedHere ? Graph.EdgeKind.BLOCKS : Graph.EdgeKind.DEPENDS_ON));
            }
        }
        return new Graph("recovery-graph", "Services in start-up order", nodes, edges).mapText(masker::mask);
    }

    static Graph.State state(CheckState state) {
        return switch (state) {
            case UP -> Graph.State.UP;
            case DOWN -> Graph.State.DOWN;
            case DEGRADED -> Graph.State.DEGRADED;
            case SKIPPED -> Graph.State.SKIPPED;
        };
    }

    private static Table checksTable(List<CheckResult> results, Map<String, CheckResult> byName, SecretMasker masker) {
        Table.Builder t = Table.builder("recovery-checks", "Checks in start-up order")
                .text("check", "type", "critical").column("state", Table.Type.STATE)
                .number("latency ms", "attempts", "up at ms").text("expected", "actual", "cause");
        for (CheckResult r : results) {
            t.row(r.name(), r.type().id(), r.critical() ? "yes" : "no", r.state().id(), r.latencyMs(),
                    (long) r.attempts().size(), r.upAtMs(), masker.mask(r.expected()), masker.mask(r.actual()),
                    r.state() == CheckState.UP ? "" : masker.mask(chain(r, byName)));
        }
        return t.build();
    }

    private static Table timelineSection(List<CheckResult> results, SecretMasker masker) {
        record Event(long at, String check, Attempt attempt) {
        }
        List<Event> events = new ArrayList<>();
        results.forEach(r -> r.attempts().forEach(a -> events.add(new Event(a.atMs(), r.name(), a))));
        events.sort(Comparator.comparingLong(Event::at).thenComparing(Event::check));
        Table.Builder t = Table.builder("recovery-timeline", "Timeline of attempts")
                .number("at ms").text("check").number("attempt", "latency ms").column("result", Table.Type.STATE).text("detail");
        for (Event e : events) {
            t.row(e.at(), e.check(), (long) e.attempt().number(), e.attempt().latencyMs(),
                    e.attempt().up() ? "up" : "down", masker.mask(e.attempt().detail()));
        }
        return t.build();
    }

    private static String attempts(CheckResult r) {
        int n = r.attempts().size();
        return n + " attempt" + (n == 1 ? "" : "s");
    }

    private static long count(List<CheckResult> results, CheckState state) {
        return results.stream().filter(r -> r.state() == state).count();
    }
}
