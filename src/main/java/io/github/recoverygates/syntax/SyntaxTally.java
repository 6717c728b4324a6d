package io.github.recoverygates.syntax;

import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.core.SourceFile;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the run found, collected from several threads. */
final class SyntaxTally {
    final Map<SyntaxConfig.Language, Long> files = new EnumMap<>(SyntaxConfig.Language.class);
    final Map<SyntaxConfig.Language, Long> failed = new EnumMap<>(SyntaxConfig.Language.class);
    final Map<String, Long> categories = new TreeMap<>();
    final Map<String, Long> failedByDir = new TreeMap<>();
    final Map<String, Boolean> pythonFailing = new java.util.HashMap<>();
    final List<Finding> findings = new ArrayList<>();
    final Map<String, Number> metrics = new TreeMap<>();
    long cacheHits;
    /** File results that were not cached (a worker failure, an unreadable file): no whole-run memo then. */
    long uncached;
    long compiledPython;
    long tooLarge;
    long skippedScripts;
    int workerRestarts;

    synchronized void add(SourceFile f, SyntaxConfig.Language language, List<Finding> found, boolean knownVerdict) {
        files.merge(language, 1L, Long::sum);
        findings.addAll(found);
        Finding firstError = found.stream().filter(x -> x.severity() == Severity.ERROR).findFirst().orElse(null);
        if (found.stream().anyMatch(x -> "too-large".equals(x.category()))) {
            tooLarge++;
        }
        if (language == SyntaxConfig.Language.PYTHON && (knownVerdict || firstError != null)) {
            pythonFailing.put(f.path(), firstError != null);
        }
        if (firstError != null) {
            failed.merge(language, 1L, Long::sum);
            failedByDir.merge(".".equals(f.topDirectory()) ? "(root)" : f.topDirectory(), 1L, Long::sum);
            if (language == SyntaxConfig.Language.PYTHON && firstError.category() != null) {
                categories.merge(firstError.category(), 1L, Long::sum);
            }
        }
    }

    synchronized void cacheHit() {
        cacheHits++;
    }

    synchronized void notCached() {
        uncached++;
    }

    synchronized void compiled() {
        compiledPython++;
    }
}
