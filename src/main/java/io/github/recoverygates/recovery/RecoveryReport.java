package io.github.recoverygates.recovery;

import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.GateOutcome;
import io.github.recoverygates.core.SecretMasker;
import io.github.recoverygates.core.Section;
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
                case DOWN -> Finding.of(RecoveryGate.CHECK_FAILED, Severity.ERROR, r.type().id(), null, 0, 0,
                        r.name() + " is down after " + attempts(r) + ": " + r.cause());
                case DEGRADED -> Finding.of(RecoveryGate.DEGRADED, Severity.WARNING, r.type().id(), null, 0, 0,
                        r.name() + " is down after " + attempts(r) + ": " + r.cause()
                                + " (not critical: the system runs degraded)");
                case BLOCKED -> Finding.of(RecoveryGate.CHECK_BLOCKED, r.critical() ? Severity.ERROR : Severity.WARNING,
                        r.type().id(), null, 0, 0, chain(r, byName) + (r.critical() ? "" : " (not critical: degraded)"));
            };
            if (f != null) {
                findings.add(f.withProperties(RecoveryGate.props("check", r.name(), "state", r.state().id(),
                        "blockedBy", r.blockedBy(), "rootCause", root(r, byName).name())));
            }
        }
        findings.replaceAll(f -> new Finding(f.ruleId(), f.severity(), f.category(), f.file(), f.line(), f.column(),
                f.endLine(), f.endColumn(), masker.mask(f.message()), f.baselineState(), f.properties()));

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
        List<Section> sections = List.of(graphSection(config, results, byName, masker), timelineSection(results, masker));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("checksStartedAt", checksStarted.toString()); // the zero of every *Ms offset
        details.put("checks", results);
        details.put("rootCauses", results.stream().filter(r -> r.state() != CheckState.UP)
                .map(r -> masker.mask(chain(r, byName))).toList());
        return new GateOutcome(summary, metrics, List.of(), findings, sections, details,
                RecoveryGate.verdictFloor(results));
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

    private static Section graphSection(RecoveryConfig config, List<CheckResult> results,
                                        Map<String, CheckResult> byName, SecretMasker masker) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (int i = 0; i < results.size(); i++) {
            ids.put(results.get(i).name(), "c" + i);
        }
        StringBuilder mermaid = new StringBuilder("graph LR\n");
        for (CheckResult r : results) {
            String label = r.name() + "<br/>" + r.type().id() + " · " + r.state().id()
                    + (r.latencyMs() != null ? " · " + r.latencyMs() + " ms" : "");
            mermaid.append("  ").append(ids.get(r.name())).append("[\"").append(mermaidText(label)).append("\"]:::")
                    .append(r.state().id()).append('\n');
        }
        for (CheckSpec spec : config.checks()) {
            for (String dep : spec.dependsOn()) {
                CheckResult target = byName.get(spec.name());
                boolean blockedHere = target != null && dep.equals(target.blockedBy());
                mermaid.append("  ").append(ids.get(dep)).append(blockedHere ? " -. blocks .-> " : " --> ")
                        .append(ids.get(spec.name())).append('\n');
            }
        }
        mermaid.append("  classDef up fill:#d8f5d0,stroke:#2e7d32\n")
                .append("  classDef down fill:#f9d0d0,stroke:#c62828\n")
                .append("  classDef degraded fill:#fff1c2,stroke:#b28704\n")
                .append("  classDef blocked fill:#e0e0e0,stroke:#616161,stroke-dasharray: 4 2\n");
        List<List<String>> rows = new ArrayList<>();
        for (CheckResult r : results) {
            rows.add(List.of(r.name(), r.type().id(), r.critical() ? "yes" : "no", r.state().id(),
                    r.latencyMs() == null ? "" : String.valueOf(r.latencyMs()),
                    String.valueOf(r.attempts().size()),
                    r.upAtMs() == null ? "" : String.valueOf(r.upAtMs()),
                    r.state() == CheckState.UP ? "" : masker.mask(chain(r, byName))));
        }
        return new Section("recovery-checks", "Services in start-up order",
                List.of("check", "type", "critical", "state", "latency ms", "attempts", "up at ms", "cause"),
                rows, masker.mask(mermaid.toString()));
    }

    private static Section timelineSection(List<CheckResult> results, SecretMasker masker) {
        record Event(long at, String check, Attempt attempt) {
        }
        List<Event> events = new ArrayList<>();
        results.forEach(r -> r.attempts().forEach(a -> events.add(new Event(a.atMs(), r.name(), a))));
        events.sort(Comparator.comparingLong(Event::at).thenComparing(Event::check));
        List<List<String>> rows = new ArrayList<>();
        for (Event e : events) {
            rows.add(List.of(String.valueOf(e.at()), e.check(), String.valueOf(e.attempt().number()),
                    String.valueOf(e.attempt().latencyMs()), e.attempt().up() ? "up" : "down",
                    masker.mask(e.attempt().detail())));
        }
        return Section.table("recovery-timeline", "Timeline of attempts",
                List.of("at ms", "check", "attempt", "latency ms", "result", "detail"), rows);
    }

    private static String mermaidText(String text) {
        return text.replace("\"", "#quot;");
    }

    private static String attempts(CheckResult r) {
        int n = r.attempts().size();
        return n + " attempt" + (n == 1 ? "" : "s");
    }

    private static long count(List<CheckResult> results, CheckState state) {
        return results.stream().filter(r -> r.state() == state).count();
    }
}
