package io.github.recoverygates.goldenpath;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.recoverygates.core.Distribution;
import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.GateOutcome;
import io.github.recoverygates.core.SecretMasker;
import io.github.recoverygates.core.Section;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.core.Table;
import io.github.recoverygates.core.Threshold;
import io.github.recoverygates.core.Unit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * Turns judged journeys into the gate's outcome: rates, exact latency distributions, thresholds, one
 * finding per failure class (with its first journey as the example), and the tables and transcripts of
 * the report. A run and a merge of shard reports go through here alike.
 */
final class GoldenPathReport {

    private static final int TRACE_DATA_CHARS = 500;
    /** The stages whose latency is kept as a distribution, in the order of the latency table. */
    static final List<String> STAGES = List.of("journey", "login", "connect", "firstEvent");

    /**
     * What the report needs besides the judged journeys — kept in every report ({@code details.plan}) so
     * that {@code merge} can make the whole run's report from its shards.
     *
     * @param digest   a digest of the {@code goldenPath} section as written: equal in every shard of one run
     * @param rttTypes the message types whose round-trip time is reported (expected and waited-for ones)
     */
    @JsonPropertyOrder({"users", "iterations", "shardIndex", "shardCount", "digest", "rules", "rttTypes", "thresholds"})
    record Plan(int users, int iterations, int shardIndex, int shardCount, String digest, JourneyJudge.Rules rules,
                List<String> rttTypes, GoldenPathConfig.Thresholds thresholds) {
    }

    private final Plan plan;
    private final SecretMasker masker;
    /** The first part of a journey's transcript (token, upgrade, messages, close), before its failures. */
    private final Function<JourneyFacts, List<String>> transcripts;

    GoldenPathReport(Plan plan, SecretMasker masker, Function<JourneyFacts, List<String>> transcripts) {
        this.plan = plan;
        this.masker = masker;
        this.transcripts = transcripts;
    }

    /** The rule id a failure class is reported under. */
    static String rule(String failureClass) {
        if (failureClass.startsWith("login-") || failureClass.equals("timeout-before-login")) {
            return "golden-path/login";
        }
        if (List.of("http-401", "http-403", "auth-rejected", "auth-header-stripped", "subprotocol-mismatch",
                "subprotocol-not-echoed").contains(failureClass)) {
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

    /** The counts the thresholds and the summary read. */
    private record Totals(int total, long passed, long upgrades, long connected, long leakEvents) {
        static Totals of(List<JourneyJudge.Judged> journeys) {
            return new Totals(journeys.size(), journeys.stream().filter(JourneyJudge.Judged::passed).count(),
                    journeys.stream().filter(j -> j.journey().upgraded()).count(),
                    // a journey on the open socket of the one before (load.session: user) made no upgrade of its own
                    journeys.stream().filter(j -> j.journey().upgraded() && j.journey().connected()).count(),
                    journeys.stream().mapToLong(j -> j.foreignEvents().size()).sum());
        }
    }

    /**
     * The outcome of {@code judged}; {@code trace} the traced journey's frames (or empty), {@code ledger}
     * whether to keep every journey's facts in the details (for a shard report).
     */
    GateOutcome outcome(List<JourneyJudge.Judged> judged, long wallMs, List<JourneyRecord.TraceLine> trace,
                        boolean ledger) {
        List<JourneyJudge.Judged> sorted = new ArrayList<>(judged);
        sorted.sort(Comparator.comparingInt((JourneyJudge.Judged j) -> j.journey().user())
                .thenComparingInt(j -> j.journey().iteration()));
        Totals totals = Totals.of(sorted);
        Map<String, Number> metrics = counts(sorted, totals, wallMs);
        Map<String, Distribution> latency = latency(sorted);
        Map<String, Distribution> rtt = new LinkedHashMap<>();
        for (String type : plan.rttTypes()) {
            rtt.put(type, roundTrips(sorted, type));
        }
        Table.Builder latencyTable = Table.builder("golden-path-latency",
                        "Latency (ms): login, upgrade, each expected event after the socket opened, whole journey")
                .text("Stage").number("Samples", "p50", "p95", "p99", "max");
        latency.forEach((stage, d) -> record("latency." + stage, stage, d, metrics, latencyTable));
        Table.Builder rttTable = Table.builder("golden-path-messages",
                        "Round-trip time per message type (ms, from the send it answers)")
                .text("Message").number("Messages", "p50", "p95", "p99", "max");
        rtt.forEach((type, d) -> record("latency.rtt." + type, type, d, metrics, rttTable));

        Map<String, List<JourneyJudge.Judged>> byClass = new LinkedHashMap<>();
        for (JourneyJudge.Judged j : sorted) {
            for (JourneyJudge.Failure f : j.failures()) {
                byClass.computeIfAbsent(f.failureClass(), k -> new ArrayList<>()).add(j);
            }
        }
        byClass.forEach((cls, list) -> metrics.put("failures." + cls, list.size()));

        List<Threshold> thresholds = thresholds(totals, latency, rtt, metrics);
        Severity severity = thresholds.stream().anyMatch(t -> !t.passed()) ? Severity.ERROR : Severity.WARNING;
        Failures failures = new Failures();
        byClass.forEach((cls, list) -> failures.add(cls, list, totals.total(), severity));

        List<Section> sections = new ArrayList<>();
        sections.add(outcomeTable(sorted, byClass.keySet().stream().toList(), totals.total()));
        sections.add(latencyTable.build());
        if (!rtt.isEmpty()) {
            sections.add(rttTable.build());
        }
        sorted.stream().filter(JourneyJudge.Judged::passed).findFirst()
                .or(() -> sorted.stream().findFirst())
                .ifPresent(j -> sections.add(sequence(j)));
        if (!failures.rows.isEmpty()) {
            sections.add(failures.rows.build());
        }
        if (!trace.isEmpty()) {
            sections.add(traceTable(trace));
        }

        return GateOutcome.builder(summary(totals, latency.get("journey"))).metrics(metrics).thresholds(thresholds)
                .findings(failures.findings).sections(sections)
                .details(details(sorted, byClass, failures, latency, rtt, ledger)).build();
    }

    /** What a merge needs besides the sections: the plan, the distributions, and with a ledger every journey's facts. */
    private Map<String, Object> details(List<JourneyJudge.Judged> sorted, Map<String, List<JourneyJudge.Judged>> byClass,
                                        Failures failures, Map<String, Distribution> latency,
                                        Map<String, Distribution> rtt, boolean ledger) {
        Map<String, Object> details = new TreeMap<>();
        details.put("transcripts", failures.byClass);
        details.put("failureClasses", byClass.keySet().stream().map(c -> Map.of("class", c, "ruleId", rule(c),
                "journeys", byClass.get(c).size())).toList());
        details.put("plan", plan);
        details.put("latency", latency);
        details.put("roundTrips", rtt);
        if (ledger) {
            details.put("journeys", sorted.stream().map(j -> j.journey().hashed()).toList());
            details.put("journeyTranscripts", failures.byJourney);
        }
        return details;
    }

    /** The count metrics: journeys, upgrades, rates, isolation, messages per type, the load and its pace. */
    private Map<String, Number> counts(List<JourneyJudge.Judged> sorted, Totals t, long wallMs) {
        Map<String, Number> metrics = new TreeMap<>();
        metrics.put("journeys.total", t.total());
        metrics.put("journeys.passed", t.passed());
        metrics.put("journeys.failed", t.total() - t.passed());
        metrics.put("upgrades.attempted", t.upgrades());
        metrics.put("upgrades.ok", t.connected());
        metrics.put("rate.success", Threshold.round1(t.total() == 0 ? 0 : 100.0 * t.passed() / t.total()));
        if (t.upgrades() > 0) {
            metrics.put("rate.connect", Threshold.round1(100.0 * t.connected() / t.upgrades()));
        }
        metrics.put("isolation.leakedEvents", t.leakEvents());
        metrics.put("isolation.journeys", sorted.stream().filter(j -> !j.foreignEvents().isEmpty()).count());
        metrics.put("events.unexpected", sorted.stream().mapToLong(JourneyJudge.Judged::unexpectedEvents).sum());
        Map<String, Long> messageCounts = new TreeMap<>();
        sorted.forEach(j -> j.own().forEach(m -> {
            if (plan.rttTypes().contains(m.type())) {
                messageCounts.merge(m.type(), 1L, Long::sum);
            }
        }));
        plan.rttTypes().forEach(type -> metrics.put("messages." + type, messageCounts.getOrDefault(type, 0L)));
        metrics.put("load.users", plan.users());
        metrics.put("load.iterations", plan.iterations());
        metrics.put("run.ms", wallMs);
        metrics.put("run.journeysPerSecond", wallMs == 0 ? 0 : Math.round(t.total() * 10_000.0 / wallMs) / 10.0);
        return metrics;
    }

    /** Exact distributions: every stage, and every expected event's first arrival. */
    private Map<String, Distribution> latency(List<JourneyJudge.Judged> sorted) {
        Map<String, Distribution> latency = new LinkedHashMap<>();
        latency.put("journey", distribution(sorted, j -> j.journey().completed(), j -> j.journey().totalMs()));
        latency.put("login", distribution(sorted, j -> j.journey().loginMs() >= 0, j -> j.journey().loginMs()));
        latency.put("connect", distribution(sorted, j -> j.journey().connectMs() >= 0, j -> j.journey().connectMs()));
        latency.put("firstEvent", distribution(sorted, j -> j.journey().connected() && !j.journey().events().isEmpty(),
                j -> j.journey().events().get(0).atMs()));
        for (String event : plan.rules().events()) {
            latency.put("event." + event, firstArrivals(sorted, event));
        }
        return latency;
    }

    /** One finding per failure class, its first journey the example, with that journey's transcript (masked). */
    private final class Failures {
        final List<Finding> findings = new ArrayList<>();
        final Map<String, Object> byClass = new TreeMap<>();
        final Map<String, List<String>> byJourney = new TreeMap<>();
        final Table.Builder rows = Table.builder("golden-path-transcripts",
                "First failing journey of each class (tokens masked)").text("Class", "Journey", "Step");

        void add(String cls, List<JourneyJudge.Judged> list, int total, Severity severity) {
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
                    .map(JourneyFacts.Message::type).toList()));
            props.put("example.detail", masker.mask(detail));
            String message = list.size() + " of " + total + " journeys: " + cls + " — e.g. "
                    + example.journey().label() + ": " + detail;
            findings.add(Finding.builder(rule(cls), severity).category(cls).message(message).properties(props).build());
            List<String> head = transcripts.apply(example.journey());
            byJourney.put(example.journey().label(), head);
            List<String> lines = new ArrayList<>(head);
            example.failures().forEach(f -> lines.add(f.failureClass() + ": " + f.detail()));
            List<String> shown = lines.stream().map(masker::mask).toList();
            byClass.put(cls, shown);
            shown.forEach(line -> rows.row(cls, example.journey().label(), line));
        }
    }

    private String summary(Totals t, Distribution journey) {
        return String.format(Locale.ROOT,
                "golden path: %d of %d journeys passed (%.1f%%), connect %s, p95 %s, %d cross-user event(s) — %d users × %d iterations%s",
                t.passed(), t.total(), t.total() == 0 ? 0.0 : Threshold.round1(100.0 * t.passed() / t.total()),
                t.upgrades() == 0 ? "n/a (no login succeeded)"
                        : String.format(Locale.ROOT, "%.1f%%", Threshold.round1(100.0 * t.connected() / t.upgrades())),
                journey.isEmpty() ? "n/a" : journey.percentile(95) + " ms", t.leakEvents(),
                plan.users(), plan.iterations(),
                plan.shardCount() > 1 ? " (shard " + plan.shardIndex() + "/" + plan.shardCount() + ")" : "");
    }

    /**
     * Every threshold; zero samples never pass: no journey, no upgrade, no latency or round trip to measure
     * gives a threshold with no value, which fails.
     */
    private List<Threshold> thresholds(Totals t, Map<String, Distribution> latency, Map<String, Distribution> rtt,
                                       Map<String, Number> metrics) {
        long total = t.total();
        List<Threshold> thresholds = new ArrayList<>();
        GoldenPathConfig.Thresholds limits = plan.thresholds();
        thresholds.add(Threshold.rate("successRate", List.of(), limits.successRate(), t.passed(), total, false));
        thresholds.add(Threshold.rate("connectRate", List.of(), limits.connectRate(), t.connected(), t.upgrades(), false));
        thresholds.add(Threshold.atMost("p95", limits.p95().toMillis(), value(latency.get("journey"), 95),
                Unit.MILLISECONDS));
        if (limits.isolation()) {
            thresholds.add(Threshold.atMost("isolation", 0, total == 0 ? null : (double) t.leakEvents(), Unit.EVENTS));
        }
        limits.events().forEach((type, p) -> {
            Distribution d = rtt.getOrDefault(type, Distribution.empty(Unit.MILLISECONDS));
            percentile(thresholds, type, "p50", p.p50(), d, 50);
            percentile(thresholds, type, "p95", p.p95(), d, 95);
            percentile(thresholds, type, "p99", p.p99(), d, 99);
            percentile(thresholds, type, "max", p.max(), d, 100);
        });
        limits.counts().forEach((metric, limit) -> {
            Double actual = total == 0 ? null : metrics.getOrDefault(metric, 0).doubleValue();
            if (limit.min() != null) {
                thresholds.add(Threshold.atLeast(metric, limit.min(), actual, Unit.COUNT));
            }
            if (limit.max() != null) {
                thresholds.add(Threshold.atMost(metric, limit.max(), actual, Unit.COUNT));
            }
        });
        return thresholds;
    }

    private static void percentile(List<Threshold> into, String type, String name, Duration limit, Distribution d,
                                   double p) {
        if (limit != null) {
            into.add(Threshold.atMost("rtt." + type + "." + name, limit.toMillis(), value(d, p), Unit.MILLISECONDS));
        }
    }

    private static Double value(Distribution d, double p) {
        Long v = d.percentile(p);
        return v == null ? null : v.doubleValue();
    }

    private static Distribution distribution(List<JourneyJudge.Judged> journeys, Predicate<JourneyJudge.Judged> has,
                                             ToLongFunction<JourneyJudge.Judged> value) {
        return Distribution.of(Unit.MILLISECONDS, journeys.stream().filter(has).mapToLong(value).toArray());
    }

    /** When each journey's own first {@code event} came, ms after the socket opened. */
    private static Distribution firstArrivals(List<JourneyJudge.Judged> journeys, String event) {
        List<Long> samples = new ArrayList<>();
        for (JourneyJudge.Judged j : journeys) {
            j.own().stream().filter(m -> m.type().equals(event)).findFirst().ifPresent(m -> samples.add(m.atMs()));
        }
        return Distribution.of(Unit.MILLISECONDS, samples.stream().mapToLong(Long::longValue).toArray());
    }

    /** Every own message of {@code type} that answers a send: its round-trip time. */
    private static Distribution roundTrips(List<JourneyJudge.Judged> journeys, String type) {
        List<Long> samples = new ArrayList<>();
        journeys.forEach(j -> j.own().stream().filter(m -> m.type().equals(type) && m.rttMs() != null)
                .forEach(m -> samples.add(m.rttMs())));
        return Distribution.of(Unit.MILLISECONDS, samples.stream().mapToLong(Long::longValue).toArray());
    }

    private static void record(String prefix, String name, Distribution d, Map<String, Number> metrics, Table.Builder rows) {
        if (!d.isEmpty()) {
            metrics.put(prefix + ".p50", d.percentile(50));
            metrics.put(prefix + ".p95", d.percentile(95));
            metrics.put(prefix + ".p99", d.percentile(99));
            metrics.put(prefix + ".max", d.max());
        }
        rows.row(name, d.count(), d.isEmpty() ? null : d.percentile(50),
                d.isEmpty() ? null : d.percentile(95), d.isEmpty() ? null : d.percentile(99), d.max());
    }

    private Section outcomeTable(List<JourneyJudge.Judged> sorted, List<String> classes, int total) {
        Map<String, List<JourneyJudge.Judged>> byOutcome = new LinkedHashMap<>();
        byOutcome.put("passed", new ArrayList<>());
        classes.forEach(c -> byOutcome.put(c, new ArrayList<>()));
        sorted.forEach(j -> byOutcome.computeIfAbsent(j.outcome(), k -> new ArrayList<>()).add(j));
        Table.Builder t = Table.builder("golden-path-outcomes", "Journeys by outcome (a journey counts under its first failure)")
                .text("Outcome", "Rule").number("Journeys").text("Share", "Example", "Detail");
        byOutcome.forEach((outcome, list) -> {
            if (list.isEmpty()) {
                return;
            }
            JourneyJudge.Judged example = list.get(0);
            String detail = example.passed() ? JourneyJudge.arrow(example.journey().events().stream()
                    .map(JourneyFacts.Message::type).toList()) : example.failures().get(0).detail();
            t.row(outcome, example.passed() ? "" : rule(outcome), (long) list.size(),
                    String.format(Locale.ROOT, "%.1f%%", 100.0 * list.size() / Math.max(1, total)),
                    example.journey().label(), masker.mask(detail));
        });
        return t.build();
    }

    private Section sequence(JourneyJudge.Judged j) {
        Table.Builder t = Table.builder("golden-path-sequence", "Event sequence of " + j.journey().label()
                        + (j.passed() ? " (passed)" : " (" + j.outcome() + ")"))
                .text("ms after the socket opened", "Event", "Note");
        for (int i = 0; i < j.journey().events().size(); i++) {
            JourneyFacts.Message e = j.journey().events().get(i);
            String note = j.foreignEvents().contains(i) ? "another user's event"
                    : e.rttMs() == null ? "" : "round trip " + e.rttMs() + " ms";
            t.row("+" + e.atMs(), e.type(), note);
        }
        if (j.journey().stopClass() != null) {
            t.row("", "(stopped)", masker.mask(j.journey().stopDetail()));
        }
        return t.build();
    }

    private Section traceTable(List<JourneyRecord.TraceLine> trace) {
        Table.Builder t = Table.builder("golden-path-trace", "Frames of the traced journey (masked)")
                .number("ms").text("Dir", "Frame", "Data");
        for (JourneyRecord.TraceLine line : trace) {
            String data = masker.mask(line.data());
            t.row(line.atMs(), line.direction(), line.frame(),
                    data.length() > TRACE_DATA_CHARS ? data.substring(0, TRACE_DATA_CHARS) + "…" : data);
        }
        return t.build();
    }
}
