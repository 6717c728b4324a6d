package io.github.recoverygates.syntax;

import io.github.recoverygates.core.ContentCache;
import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.GateContext;
import io.github.recoverygates.core.GateOutcome;
import io.github.recoverygates.core.Section;
import io.github.recoverygates.core.Shard;
import io.github.recoverygates.core.SourceFile;
import io.github.recoverygates.core.Threshold;
import io.github.recoverygates.syntax.collection.CollectionReport;
import io.github.recoverygates.syntax.collection.TestCollection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The gate's test-collection step: which files pytest could not import, handed to {@link TestCollection}. */
final class CollectionStep {

    private CollectionStep() {
    }

    /** Collects, and adds the collection's thresholds, metrics and details to the gate's. */
    static CollectionReport collect(GateContext context, SyntaxConfig config, FileSelection files,
                                    Optional<ContentCache> cache, SyntaxTally tally, List<Threshold> thresholds,
                                    Map<String, Object> details) {
        CollectionReport collection = collect(context, config, files.pythonInScope(),
                files.selected(SyntaxConfig.Language.PYTHON), cache, tally);
        thresholds.addAll(collection.thresholds());
        tally.metrics.putAll(collection.metrics());
        collection.details().forEach((k, v) -> details.put("testCollection." + k, v));
        return collection;
    }

    /**
     * pytest's view: which tests the repository's own config would collect and which are lost to
     * files that do not compile. A shard counts its own files (so shard counts add up in
     * {@code merge}); otherwise every Python file counts, unchecked ones by their cached verdict.
     */
    static CollectionReport collect(GateContext context, SyntaxConfig config, List<SourceFile> pythonInScope,
                                   List<SourceFile> selectedPython, Optional<ContentCache> cache, SyntaxTally tally) {
        List<SourceFile> files = Shard.ALL.equals(context.shard()) ? pythonInScope : selectedPython;
        Set<String> unparsable = new java.util.HashSet<>();
        for (SourceFile f : files) {
            Boolean failing = tally.pythonFailing.get(f.path());
            if (failing == null && cache.isPresent()) {
                failing = cache.get().peek(f.path()).map(FileChecks::hasError).orElse(null);
            }
            if (Boolean.TRUE.equals(failing)) {
                unparsable.add(f.path());
            }
        }
        ContentCache memo = context.cache("syntax-tests", "test-collection " + SyntaxGate.VERSION).orElse(null);
        CollectionReport report = TestCollection.collect(context.root(), files, unparsable, config.testCollection(), memo);
        if (memo != null) {
            try {
                memo.save();
            } catch (IOException e) {
                // a cache that cannot be saved costs a rescan next time, nothing more
            }
        }
        if (context.changed() == null) {
            return report;
        }
        // --changed-from: lost tests are reported for the changed files only; scope-level findings stay
        Set<String> python = new java.util.HashSet<>();
        files.forEach(f -> python.add(f.path()));
        List<Finding> kept = report.findings().stream()
                .filter(f -> f.file() == null || !python.contains(f.file()) || context.selected(f.file())).toList();
        return new CollectionReport(kept, report.metrics(), report.sections(), report.thresholds(), report.details(),
                report.scanned());
    }

    /** The gate's outcome with the collection's findings and tables after its own. */
    static GateOutcome addTo(GateOutcome outcome, CollectionReport collection) {
        List<Finding> findings = new ArrayList<>(outcome.findings());
        findings.addAll(collection.findings());
        List<Section> sections = new ArrayList<>(outcome.sections());
        sections.addAll(collection.sections());
        return new GateOutcome(outcome.summary(), outcome.metrics(), outcome.thresholds(), findings, sections,
                outcome.details(), outcome.minimumVerdict());
    }
}
