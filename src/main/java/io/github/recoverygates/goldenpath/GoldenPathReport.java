package io.github.recoverygates.goldenpath;

import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.GateOutcome;
import io.github.recoverygates.core.SecretMasker;
import io.github.recoverygates.core.Section;
import io.github.recoverygates.core.Table;
import io.github.recoverygates.core.Unit;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.core.Threshold;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * Turns judged journeys into the gate's outcome: rates, latencies, thresholds, one finding per
 * failure class (with its first journey as the example), and the tables and transcripts of the report.
 */
final class GoldenPathReport {

    private static final int TRANSCRIPT_BODY_CHARS = 240;

    private final GoldenPathConfig config;
    private final SecretMasker masker;

    GoldenPathReport(GoldenPathConfig config, SecretMasker masker) {
        this.config = config;
        this.masker = masker;
    }

    /** The rule id a failure class is reported under. */
    static String rule(String failureClass) {
        if (failureClass.startsWith("login-") || failureClass.equals("timeout-before-login")) {
            return "golden-path/login";
        }
        if (List.of("http-401", "http-403", "auth-rejected", "subprotocol-mismatch").contains(failureClass)) {
            return "golden-path/auth";
        }
        if (failureClass.startsWith("http-") || failureClass.startsWith("connect") || failureClass.startsWith("closed-")
                || failureClass.equals("send-error") || failureClass.equals("timeout-before-connect")) {
            return "golden-path/connect";
        }
        if (failureClass.startsWith("timeout-before-")) {
            return "golden-path/timeout";
        }
        return switch (failureClass) {
            case "missing-event" -> "golden-path/event-missing";
            case "out-of-order" -> "golden-path/event-order";
            case "missing-field" -> "golden-path/field-missing";
            case "bad-answer" -> "golden-path/answer";
            case "cross-user-leak" -> "golden-path/isolation";
            default -> "golden-path/connect";
        };
    }

    GateOutcome outcome(List<JourneyJudge.Judged> judged, long wallMs) {
        List<JourneyJudge.Judged> sorted = new ArrayList<>(judged);
        sorted.sort(Comparator.comparingInt((JourneyJudge.Judged j) -> j.journey().user())
                .thenComparingInt(j -> j.journey().iteration()));
        int total = sorted.size();
        long passed = sorted.stream().filter(JourneyJudge.Judged::passed).count();
        long upgrades = sorted.stream().filter(j -> j.journey().upgraded()).count();
        long connected = sorted.stream().filter(j -> j.journey().connected()).count();
        long leakEvents = sorted.stream().mapToLong(j -> j.foreignEvents().size()).sum();

        Map<String, Number> metrics = new TreeMap<>();
        metrics.put("journeys.total", total);
        metrics.put("journeys.passed", passed);
        metrics.put("journeys.failed", total - passed);
        metrics.put("upgrades.attempted", upgrades);
        metrics.put("upgrades.ok", connected);
        metrics.put("rate.success", Threshold.round1(total == 0 ? 0 : 100.0 * passed / total));
        if (upgrades > 0) {
            metrics.put("rate.connect", Threshold.round1(100.0 * connected / upgrades));
        }
        metrics.put("isolation.leakedEvents", leakEvents);
        metrics.put("isolation.journeys", sorted.stream().filter(j -> !j.foreignEvents().isEmpty()).count());
        metrics.put("events.unexpected", sorted.stream().mapToLong(JourneyJudge.Judged::unexpectedEvents).sum());
        metrics.put("load.users", config.load().users());
        metrics.put("load.iterations", config.load().iterations());
        metrics.put("run.ms", wallMs);
        metrics.put("run.journeysPerSecond", wallMs == 0 ? 0 : Math.round(total * 10_000.0 / wallMs) / 10.0);

        List<List<String>> latencyRows = new ArrayList<>();
        Percentiles journeyLatency = latency(sorted, "journey", j -> j.journey().completed(), j -> j.journey().totalMs(),
                metrics, latencyRows);
        latency(sorted, "login", j -> j.journey().loginMs() >= 0, j -> j.journey().loginMs(), metrics, latencyRows);
        latency(sorted, "connect", j -> j.journey().connectMs() >= 0, j -> j.journey().connectMs(), metrics, latencyRows);
        latency(sorted, "firstEvent", j -> j.journey().connected() && !j.journey().events().isEmpty(),
                j -> j.journey().events().get(0).atMs(), metrics, latencyRows);
        for (String event : config.expect().events()) {
            eventLatency(sorted, event, metrics, latencyRows);
        }

        Map<String, List<JourneyJudge.Judged>> byClass = new LinkedHashMap<>();
        for (JourneyJudge.Judged j : sorted) {
            for (JourneyJudge.Failure f : j.failures()) {
                byClass.computeIfAbsent(f.failureClass(), k -> new ArrayList<>()).add(j);
            }
        }
        byClass.forEach((cls, list) -> metrics.put("failures." + cls, list.size()));

        List<Threshold> thresholds = new ArrayList<>();
        GoldenPathConfig.Thresholds limits = config.thresholds();
        // zero samples never pass: no journey, no upgrade or no latency fails its threshold
        thresholds.add(Threshold.rate("successRate", List.of(), limits.successRate(), passed, total, false));
        thresholds.add(Threshold.rate("connectRate", List.of(), limits.connectRate(), connected, upgrades, false));
        thresholds.add(Threshold.atMost("p95", limits.p95().toMillis(),
                journeyLatency.count() == 0 ? null : (double) journeyLatency.at(95), Unit.MILLISECONDS));
        if (limits.isolation()) {
            thresholds.add(Threshold.atMost("isolation", 0, (double) leakEvents, Unit.EVENTS));
        }
        boolean anyFailed = thresholds.stream().anyMatch(t -> !t.passed());
        Severity severity = anyFailed ? Severity.ERROR : Severity.WARNING;

        List<Finding> findings = new ArrayList<>();
        Map<String, Object> transcripts = new TreeMap<>();
        List<List<String>> transcriptRows = new ArrayList<>();
        byClass.forEach((cls, list) -> {
            JourneyJudge.Judged example = list.get(0);
            String detail = example.failures().stream().filter(f -> f.failureClass().equals(cls))
                    .map(JourneyJudge.Failure::detail).findFirst().orElse("");
            Map<String, String> props = new TreeMap<>();
            props.put("class", cls);
            props.put("journeys", Integer.toString(list.size()));
            props.put("total", Integer.toString(total));
            props.put("example.user", Integer.toString(example.journey().user()));
            props.put("example.iteration", Integer.toString(example.journey().iteration()));
            props.put("example.events", JourneyJudge.arrow(example.journey().events().stream()
                    .map(JourneyRecord.Event::type).toList()));
            props.put("example.detail", masker.mask(detail));
            String message = list.size() + " of " + total + " journeys: " + cls + " — e.g. "
                    + example.journey().label() + ": " + detail;
            findings.add(Finding.builder(rule(cls), severity).category(cls).message(message).properties(props).build());
            List<String> lines = transcript(example);
            transcripts.put(cls, lines);
            for (String line : lines) {
                transcriptRows.add(List.of(cls, example.journey().label(), line));
            }
        });

        List<Section> sections = new ArrayList<>();
        sections.add(outcomeTable(sorted, byClass.keySet().stream().toList(), total));
        sections.add(Table.ofText("golden-path-latency", "Latency (ms): login, upgrade, each event after the message, whole journey",
                List.of("Stage", "Samples", "p50", "p95", "p99", "max"), latencyRows));
        sorted.stream().filter(JourneyJudge.Judged::passed).findFirst()
                .or(() -> sorted.stream().findFirst())
                .ifPresent(j -> sections.add(sequence(j)));
        if (!transcriptRows.isEmpty()) {
            sections.add(Table.ofText("golden-path-transcripts", "First failing journey of each class (tokens masked)",
                    List.of("Class", "Journey", "Step"), transcriptRows));
        }

        Map<String, Object> details = new TreeMap<>();
        details.put("transcripts", transcripts);
        details.put("failureClasses", byClass.keySet().stream().map(c -> Map.of("class", c, "ruleId", rule(c),
                "journeys", byClass.get(c).size())).toList());

        String summary = String.format(java.util.Locale.ROOT,
                "golden path: %d of %d journeys passed (%.1f%%), connect %s, p95 %s, %d cross-user event(s) — %d users × %d iterations",
                passed, total, total == 0 ? 0.0 : 100.0 * passed / total,
                upgrades == 0 ? "n/a (no login succeeded)"
                        : String.format(java.util.Locale.ROOT, "%.1f%%", Threshold.round1(100.0 * connected / upgrades)),
                journeyLatency.count() == 0 ? "n/a" : journeyLatency.at(95) + " ms", leakEvents,
                config.load().users(), config.load().iterations());
        return GateOutcome.builder(summary).metrics(metrics).thresholds(thresholds).findings(findings)
                .sections(sections).details(details).build();
    }

    private static Percentiles latency(List<JourneyJudge.Judged> journeys, String name, Predicate<JourneyJudge.Judged> has,
                                       ToLongFunction<JourneyJudge.Judged> value, Map<String, Number> metrics,
                                       List<List<String>> rows) {
        Percentiles p = new Percentiles(journeys.stream().filter(has).mapToLong(value).toArray());
        record(name, p, metrics, rows);
        return p;
    }

    private static void eventLatency(List<JourneyJudge.Judged> journeys, String event, Map<String, Number> metrics,
                                     List<List<String>> rows) {
        List<Long> samples = new ArrayList<>();
        for (JourneyJudge.Judged j : journeys) {
            List<JourneyRecord.Event> events = j.journey().events();
            for (int i = 0; i < events.size(); i++) {
                if (!j.foreignEvents().contains(i) && events.get(i).type().equals(event)) {
                    samples.add(events.get(i).atMs());
                    break;
                }
            }
        }
        record("event." + event, new Percentiles(samples.stream().mapToLong(Long::longValue).toArray()), metrics, rows);
    }

    private static void record(String name, Percentiles p, Map<String, Number> metrics, List<List<String>> rows) {
        if (p.count() > 0) {
            metrics.put("latency." + name + ".p50", p.at(50));
            metrics.put("latency." + name + ".p95", p.at(95));
            metrics.put("latency." + name + ".p99", p.at(99));
            metrics.put("latency." + name + ".max", p.max());
        }
        rows.add(List.of(name, Integer.toString(p.count()), p.count() == 0 ? "-" : Long.toString(p.at(50)),
                p.count() == 0 ? "-" : Long.toString(p.at(95)), p.count() == 0 ? "-" : Long.toString(p.at(99)),
                p.count() == 0 ? "-" : Long.toString(p.max())));
    }

    private Section outcomeTable(List<JourneyJudge.Judged> sorted, List<String> classes, int total) {
        Map<String, List<JourneyJudge.Judged>> byOutcome = new LinkedHashMap<>();
        byOutcome.put("passed", new ArrayList<>());
        classes.forEach(c -> byOutcome.put(c, new ArrayList<>()));
        sorted.forEach(j -> byOutcome.computeIfAbsent(j.outcome(), k -> new ArrayList<>()).add(j));
        List<List<String>> rows = new ArrayList<>();
        byOutcome.forEach((outcome, list) -> {
            if (list.isEmpty()) {
                return;
            }
            JourneyJudge.Judged example = list.get(0);
            String detail = example.passed() ? JourneyJudge.arrow(example.journey().events().stream()
                    .map(JourneyRecord.Event::type).toList()) : example.failures().get(0).detail();
            rows.add(List.of(outcome, example.passed() ? "" : rule(outcome), Integer.toString(list.size()),
                    String.format(java.util.Locale.ROOT, "%.1f%%", 100.0 * list.size() / Math.max(1, total)),
                    example.journey().label(), masker.mask(detail)));
        });
        return Table.ofText("golden-path-outcomes", "Journeys by outcome (a journey counts under its first failure)",
                List.of("Outcome", "Rule", "Journeys", "Share", "Example", "Detail"), rows);
    }

    private Section sequence(JourneyJudge.Judged j) {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < j.journey().events().size(); i++) {
            JourneyRecord.Event e = j.journey().events().get(i);
            String note = j.foreignEvents().contains(i) ? "another user's event" : "";
            rows.add(List.of("+" + e.atMs(), e.type(), note));
        }
        if (j.journey().stopClass() != null) {
            rows.add(List.of("", "(stopped)", masker.mask(j.journey().stopDetail())));
        }
        return Table.ofText("golden-path-sequence", "Event sequence of " + j.journey().label()
                + (j.passed() ? " (passed)" : " (" + j.outcome() + ")"),
                List.of("ms after the message", "Event", "Note"), rows);
    }

    private List<String> transcript(JourneyJudge.Judged j) {
        JourneyRecord r = j.journey();
        List<String> lines = new ArrayList<>();
        lines.add(r.loginMs() >= 0 ? "token in " + r.loginMs() + " ms" : "no token");
        if (r.upgraded()) {
            lines.add(r.connectMs() >= 0 ? "upgrade done in " + r.connectMs() + " ms, subprotocol '" + r.subprotocol() + "'"
                    : "upgrade failed");
        }
        for (int i = 0; i < r.events().size(); i++) {
            JourneyRecord.Event e = r.events().get(i);
            String body = e.body().toString();
            if (body.length() > TRANSCRIPT_BODY_CHARS) {
                body = body.substring(0, TRANSCRIPT_BODY_CHARS) + "…";
            }
            lines.add("+" + e.atMs() + " ms " + e.type() + (j.foreignEvents().contains(i) ? " [another user's]" : "")
                    + " " + body);
        }
        if (r.closeCode() != 0) {
            lines.add("closed " + r.closeCode() + (r.closeReason() == null || r.closeReason().isEmpty() ? "" : " " + r.closeReason()));
        }
        for (JourneyJudge.Failure f : j.failures()) {
            lines.add(f.failureClass() + ": " + f.detail());
        }
        return lines.stream().map(masker::mask).toList();
    }
}
