package io.github.recoverygates.syntax;

import io.github.recoverygates.core.ContentCache;
import io.github.recoverygates.core.GateContext;
import io.github.recoverygates.core.Shard;
import io.github.recoverygates.core.SourceFile;
import io.github.recoverygates.core.Threshold;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The parse rate of each scope's Python files (its threshold) and the rows of the "Parse rate by scope" table. */
record ParseRates(List<Threshold> thresholds, List<List<String>> rows) {

    /**
     * Counts each scope's passing, failing and unknown files; a shard measures its own slice (so
     * {@code merge} can add shards up), {@code --changed-from} the whole scope with the cache's verdicts.
     */
    static ParseRates measure(List<SyntaxThresholds.Scope> scopes, SyntaxConfig config, List<SourceFile> pythonInScope,
                              SyntaxTally tally, GateContext context, Optional<ContentCache> cache,
                              Map<String, Object> details) {
        boolean sharded = !Shard.ALL.equals(context.shard());
        List<Threshold> thresholds = new ArrayList<>();
        List<List<String>> scopeRows = new ArrayList<>();
        for (SyntaxThresholds.Scope scope : scopes) {
            long pass = 0;
            long fail = 0;
            long unknown = 0;
            for (SourceFile f : pythonInScope) {
                if (!scope.contains(f.path())) {
                    continue;
                }
                Boolean failing = tally.pythonFailing.get(f.path());
                // a shard measures its own slice (so `merge` can add shards up); --changed-from the whole scope
                if (failing == null && !context.selected(f.path()) && cache.isPresent() && !sharded) {
                    failing = cache.get().peek(f.path()).map(FileChecks::hasError).orElse(null);
                }
                if (failing == null) {
                    unknown++;
                } else if (failing) {
                    fail++;
                } else {
                    pass++;
                }
            }
            Threshold result = sharded || context.changed() != null
                    ? Threshold.partialRate(scope.name(), scope.include(), scope.min(), pass, pass + fail, scope.allowEmpty())
                    : Threshold.rate(scope.name(), scope.include(), scope.min(), pass, pass + fail, scope.allowEmpty());
            thresholds.add(result);
            if (!result.isEmpty()) {
                tally.metrics.put("rate." + scope.name(), result.actual());
            }
            if (unknown > 0) {
                details.put("thresholds." + scope.name() + ".unknownFiles", unknown);
            }
            scopeRows.add(List.of(scope.name(), String.join(", ", scope.include()), Long.toString(pass + fail + unknown),
                    Long.toString(pass), Long.toString(fail), Long.toString(unknown),
                    SyntaxSummary.percent(result.actual()),
                    String.format(Locale.ROOT, "%.1f", scope.min()), result.passed() ? "pass" : "FAIL"));
        }
        if (scopes.isEmpty()) {
            details.put("thresholds", "none configured and no tests/mission_critical, tests/integration or tests/unit directory");
        } else if (config.thresholds().isEmpty()) {
            details.put("thresholds", "the seeds' defaults (mission_critical 100%, integration 95%, unit 90%) for the directories present");
        }
        return new ParseRates(thresholds, scopeRows);
    }

    /** The table's rows again from merged rate thresholds (a merged run knows no unknown files). */
    static List<List<String>> mergedRows(List<Threshold> scopes) {
        return scopes.stream().filter(t -> t.denominator() != null).map(t -> List.of(t.name(),
                String.join(", ", t.include()), Long.toString(t.denominator()), Long.toString(t.numerator()),
                Long.toString(t.denominator() - t.numerator()), "0", SyntaxSummary.percent(t.actual()),
                String.format(Locale.ROOT, "%.1f", t.required()), t.passed() ? "pass" : "FAIL")).toList();
    }
}
