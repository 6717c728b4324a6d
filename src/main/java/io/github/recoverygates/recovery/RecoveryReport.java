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

    static GateOutcome outcome(RecoveryConfig config, List<CheckResult> results, List<Finding> otherFindings,
                               java.time.Instant checksStarted, long wallMs, SecretMasker masker) {
        Map<String, CheckResult> byName = new LinkedHashMap<>();
        results.forEach(r -> byName.put(r.name(), r));
        List<Finding> findings = new ArrayList<>(otherFindings);
        for (CheckResult r : results) {
            Finding f = switch (r.state()) {
                case UP -> null;
                case DOWN -> Finding.builder(RecoveryGate.CHECK_FAILED, Severity.ERROR).category(r.type().id()).message(r.name() + " is down after " + attempts(r) + ": " + r.cause()).build();
                case DEGRADED -> Finding.builder(RecoveryGate.DEGRADED, Severity.WARNING).category(r.type().id()).message(r.name() + " is down after " + attempts(r) + ": " + r.cause()
                                + " (not critical: the system runs degraded)").build();
                case BLOCKED -> Finding.builder(RecoveryGate.CHECK_BLOCKED, r.critical() ? Severity.ERROR : Severity.WARNING).category(r.type().id()).message(chain(r, byName) + (r.critical() ? "" : " (not critical: degraded)")).build();
            };
            if (f != null) {
                findings.add(f.toBuilder().properties(RecoveryGate.props("check", r.name(), "state", r.state().id(),
                        "blockedBy", r.blockedBy(), "rootCause", root(r, byName).name())).build());
            }
        }
        findings.replaceAll(f -> f.toBuilder().message(masker.mask(f.message())).build());

        long up = count(results, CheckState.UP);
        long down = count(results, CheckState.DOWN);
        long blocked = count(results, CheckState.BLOCKED);
        long degraded = results.stream().filter(r -> !r.critical() && r.state() != CheckState.UP).count();
        Map<String, Number> metrics = new TreeMap<>();
        metrics.put("checks.total", results.size());
        metrics.put("checks.up", up);
        metrics.put("checks.down", down);
        metrics.put("checks.blocked", blocked);
        metrics.put("checks.degraded", degraded);
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

    /** "backend blocked by auth, auth blocked by postgres: connection refused on 127.0.0.1:5432". */
    static String chain(CheckResult result, Map<String, CheckResult> byName) {
        List<String> hops = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        CheckResult current = result;
        while (current.state() == CheckState.BLOCKED && seen.add(current.name())) {
            if (CheckResult.ENVIRONMENT.equals(current.blockedBy())) {
                hops.add(current.name() + " blocked by the environment");
                return String.join(", ", hops) + ": " + current.cause();
            }
            hops.add(current.name() + " blocked by " + current.blockedBy());
            CheckResult next = byName.get(current.blockedBy());
            if (next == null) {
                break;
            }
            current = next;
        }
        String cause = current.cause() == null ? current.state().id() : current.cause();
        return hops.isEmpty() ? current.name() + ": " + cause : String.join(", ", hops) + ": " + cause;
    }

    static CheckResult root(CheckResult result, Map<String, CheckResult> byName) {
        CheckResult current = result;
        Set<String> seen = new LinkedHashSet<>();
        while (current.state() == CheckState.BLOCKED && current.blockedBy() != null && seen.add(current.name())) {
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
            for (CheckState state : List.of(CheckState.DOWN, CheckState.BLOCKED, CheckState.DEGRADED)) {
                long n = count(results, state);
                if (n > 0) {
                    s.append(", ").append(n).append(' ').append(state.id());
                }
            }
            // the longest chain of a critical check shows the whole way from symptom to first cause
            results.stream().filter(r -> r.state() != CheckState.UP)
                    .max(Comparator.comparing((CheckResult r) -> r.critical())
                            .thenComparingInt(r -> chain(r, byName).split(" blocked by ").length))
                    .ifPresent(r -> s.append("; first cause: ").append(chain(r, byName)));
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
            case BLOCKED -> Graph.State.BLOCKED;
        };
    }

    private static Table checksTable(List<CheckResult> results, Map<String, CheckResult> byName, SecretMasker masker) {
        Table.Builder t = Table.builder("recovery-checks", "Checks in start-up order")
                .text("check", "type", "critical").column("state", Table.Type.STATE)
                .number("latency ms", "attempts", "up at ms").text("cause");
        for (CheckResult r : results) {
            t.row(r.name(), r.type().id(), r.critical() ? "yes" : "no", r.state().id(), r.latencyMs(),
                    (long) r.attempts().size(), r.upAtMs(), r.state() == CheckState.UP ? "" : masker.mask(chain(r, byName)));
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
