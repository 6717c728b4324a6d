package io.github.recoverygates.goldenpath;

import com.fasterxml.jackson.core.type.TypeReference;
import io.github.recoverygates.core.ConfigException;
import io.github.recoverygates.core.FailOn;
import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.GateOutcome;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.Json;
import io.github.recoverygates.core.Section;
import io.github.recoverygates.core.SecretMasker;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.core.Verdict;
import io.github.recoverygates.core.VerdictPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The golden path's {@code merge}: every shard report keeps the facts of each of its journeys
 * ({@code details.journeys}) and what the report needs beside them ({@code details.plan}); the merge
 * judges all journeys of the run together — so a leak from a user of one shard into a user of another
 * is found — and makes the report one unsharded run would have made: the same counts, the same
 * findings, and percentiles computed from every sample, not estimated from the shards' own.
 */
final class ShardReports {

    private ShardReports() {
    }

    static GateResult merge(GateResult merged, List<GateResult> shards, FailOn failOn) {
        if (shards.stream().anyMatch(s -> s.verdict() == Verdict.ERROR)) {
            return merged; // a shard that could not run has no journeys: the generic merge says ERROR
        }
        GoldenPathReport.Plan first = null;
        List<JourneyFacts> journeys = new ArrayList<>();
        Map<String, List<String>> transcripts = new HashMap<>();
        long wallMs = 0;
        Section trace = null;
        for (GateResult shard : shards) {
            GoldenPathReport.Plan plan = read(shard, "plan", new TypeReference<GoldenPathReport.Plan>() { });
            List<JourneyFacts> facts = read(shard, "journeys", new TypeReference<List<JourneyFacts>>() { });
            if (plan == null || facts == null) {
                throw new ConfigException("merge: the golden-path report of shard " + shard.shard()
                        + " keeps no journeys (details.plan, details.journeys): it was not written by a --shard run of this version");
            }
            if (first == null) {
                first = plan;
            } else if (!first.digest().equals(plan.digest()) || first.users() != plan.users()
                    || first.iterations() != plan.iterations()) {
                throw new ConfigException("merge: shard " + shard.shard() + " ran another goldenPath config than shard "
                        + first.shardIndex() + "/" + first.shardCount() + " (its section digest, users or iterations differ)");
            }
            journeys.addAll(facts);
            Map<String, List<String>> t = read(shard, "journeyTranscripts", new TypeReference<Map<String, List<String>>>() { });
            if (t != null) {
                t.forEach(transcripts::putIfAbsent);
            }
            Number ms = shard.metrics().get("run.ms");
            wallMs = Math.max(wallMs, ms == null ? 0 : ms.longValue());
            if (trace == null) {
                trace = shard.sections().stream().filter(s -> s.id().equals("golden-path-trace")).findFirst().orElse(null);
            }
        }
        GoldenPathReport.Plan whole = new GoldenPathReport.Plan(first.users(), first.iterations(), 1, 1, first.digest(),
                first.rules(), first.rttTypes(), first.thresholds());
        List<JourneyJudge.Judged> judged = new JourneyJudge(whole.rules()).judge(journeys);
        // the shard reports are masked already; the merge has no secrets of its own to add
        GoldenPathReport report = new GoldenPathReport(whole, new SecretMasker(),
                f -> transcripts.getOrDefault(f.label(), Transcripts.transcript(f)));
        GateOutcome outcome = report.outcome(judged, wallMs, List.of(), false);

        List<Finding> findings = new ArrayList<>(outcome.findings());
        // what the engine added to the shards (notices) stays; the gate's own findings are the ones judged again
        merged.findings().stream().filter(f -> !f.ruleId().startsWith("golden-path/")).distinct().forEach(findings::add);
        List<Section> sections = new ArrayList<>(outcome.sections());
        if (trace != null) {
            sections.add(trace);
        }
        SortedMap<String, Number> metrics = new TreeMap<>(outcome.metrics());
        metrics.put("findings.error", findings.stream().filter(f -> f.severity() == Severity.ERROR).count());
        metrics.put("findings.warning", findings.stream().filter(f -> f.severity() == Severity.WARNING).count());
        metrics.put("findings.note", findings.stream().filter(f -> f.severity() == Severity.NOTE).count());
        SortedMap<String, Object> details = new TreeMap<>(outcome.details());
        details.put("shards", shards.size());
        Verdict verdict = VerdictPolicy.decide(findings, outcome.thresholds(), failOn, null, Verdict.PASS);
        return new GateResult(merged.schemaVersion(), merged.gate(), verdict,
                outcome.summary() + " (merged from " + shards.size() + " shards)", merged.startedAt(),
                merged.durationMs(), metrics, outcome.thresholds(), null, findings, sections, details);
    }

    private static <T> T read(GateResult shard, String key, TypeReference<T> type) {
        Object value = shard.details().get(key);
        return value == null ? null : Json.REPORT.convertValue(value, type);
    }
}
