package io.github.recoverygates.syntax;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.recoverygates.core.ContentCache;
import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.Fingerprints;
import io.github.recoverygates.core.GateContext;
import io.github.recoverygates.core.GateException;
import io.github.recoverygates.core.Glob;
import io.github.recoverygates.core.Json;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.core.SourceFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Checks the selected files, Python through the interpreter pool, the rest on worker threads; the cache in between. */
final class FileChecks {

    private static final int JAVA_BATCH = 256;
    private static final int DATA_BATCH = 64;

    private FileChecks() {
    }

    static void python(GateContext context, SyntaxConfig config, List<SourceFile> files, long maxSize,
                       PythonPool pool, Optional<ContentCache> cache, SyntaxTally tally)
            throws GateException, InterruptedException {
        List<SourceFile> toCompile = new ArrayList<>();
        for (SourceFile f : files) {
            if (!settled(context, f, SyntaxConfig.Language.PYTHON, maxSize, cache, tally, true)) {
                toCompile.add(f);
            }
        }
        if (toCompile.isEmpty()) {
            return;
        }
        boolean hash = cache.isPresent();
        pool.compile(toCompile, hash, (f, r) -> {
            // fingerprinted now, so the cache keeps them and a later run reads no file for them
            List<Finding> findings = r.ok() ? List.of() : Fingerprints.of(List.of(pythonFinding(f, r)), context.root());
            tally.add(f, SyntaxConfig.Language.PYTHON, findings, true);
            tally.compiled();
            boolean cacheable = r.ok() || !PythonResult.WORKER_FAILURE.equals(r.type()) && !"OSError".equals(r.type());
            if (cacheable && r.contentKey() != null) {
                cache.get().put(f, r.contentKey(), Json.REPORT.valueToTree(findings));
                if (!sameContent(context, f, r.contentKey())) {
                    tally.notCached(); // changed since the run keyed it: this run's result is not the key's
                }
            } else {
                tally.notCached();
            }
            context.progress().advance(1);
        });
    }

    private static boolean sameContent(GateContext context, SourceFile f, String contentKey) {
        byte[] key = context.workspace() == null ? null : context.workspace().contentKeys(context.environment()).key(f);
        return key != null && java.util.HexFormat.of().formatHex(key).equalsIgnoreCase(contentKey);
    }

    static void others(GateContext context, Map<SyntaxConfig.Language, List<SourceFile>> selected,
                       long maxSize, JavaSyntax java, List<Glob> jsonc, Optional<ContentCache> cache, SyntaxTally tally)
            throws InterruptedException, GateException {
        List<Runnable> jobs = new ArrayList<>();
        DataSyntax data = new DataSyntax();
        for (SyntaxConfig.Language language : List.of(SyntaxConfig.Language.JAVA, SyntaxConfig.Language.YAML,
                SyntaxConfig.Language.JSON, SyntaxConfig.Language.TOML)) {
            List<SourceFile> todo = new ArrayList<>();
            for (SourceFile f : selected.get(language)) {
                if (!settled(context, f, language, maxSize, cache, tally, false)) {
                    todo.add(f);
                }
            }
            // javac: few, large tasks (each has a start-up cost) but bounded, since a task holds its trees
            int batch = language == SyntaxConfig.Language.JAVA
                    ? Math.max(64, Math.min(JAVA_BATCH, todo.size() / (context.workers() * 4) + 1)) : DATA_BATCH;
            for (int i = 0; i < todo.size(); i += batch) {
                List<SourceFile> slice = todo.subList(i, Math.min(todo.size(), i + batch));
                jobs.add(() -> {
                    Map<String, List<Finding>> results = new TreeMap<>();
                    if (language == SyntaxConfig.Language.JAVA) {
                        results.putAll(java.parse(slice));
                    } else {
                        for (SourceFile f : slice) {
                            results.put(f.path(), data.check(f, language,
                                    language == SyntaxConfig.Language.JSON && Glob.any(jsonc, f.path())));
                        }
                    }
                    for (SourceFile f : slice) {
                        List<Finding> findings = results.getOrDefault(f.path(), List.of());
                        if (findings.size() > 10) {
                            findings = findings.subList(0, 10);
                        }
                        findings = Fingerprints.of(findings, context.root());
                        tally.add(f, language, findings, false);
                        boolean unreadable = findings.stream().anyMatch(x -> "unreadable".equals(x.category()));
                        if (!unreadable) {
                            List<Finding> value = findings;
                            cache.ifPresent(c -> c.put(f, Json.REPORT.valueToTree(value)));
                        } else {
                            tally.notCached();
                        }
                        context.progress().advance(1);
                    }
                });
            }
        }
        runAll(jobs, context.workers());
    }

    /** Runs the parse jobs on up to {@code workers} daemon threads; the first failure ends the gate. */
    private static void runAll(List<Runnable> jobs, int workers) throws InterruptedException, GateException {
        if (jobs.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, jobs.size()), r -> {
            Thread t = new Thread(r, "syntax-parse");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Runnable job : jobs) {
                running.add(pool.submit(job));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw new GateException("parsing failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static Finding pythonFinding(SourceFile f, PythonResult r) {
        Finding.Builder finding = Finding.builder(SyntaxConfig.Language.PYTHON.ruleId(), Severity.ERROR)
                .category(r.category()).file(f.path()).at(r.line(), r.column()).message(r.message());
        if (r.endLine() > 0) {
            finding.end(r.endLine(), Math.max(0, r.endColumn()));
        }
        return finding.build();
    }

    /**
     * A file that is too large, or whose findings the cache holds, is tallied here ({@code true});
     * otherwise it still has to be checked. {@code knownVerdict}: a cached verdict counts for the parse rates.
     */
    static boolean settled(GateContext context, SourceFile f, SyntaxConfig.Language language, long maxSize,
                           Optional<ContentCache> cache, SyntaxTally tally, boolean knownVerdict) {
        if (f.size() > maxSize) {
            tally.add(f, language, List.of(tooLarge(f, language)), false);
            context.progress().advance(1);
            return true;
        }
        Optional<List<Finding>> cached = cache.flatMap(c -> c.lookup(f)).flatMap(FileChecks::findingsOf);
        if (cached.isPresent()) {
            tally.add(f, language, cached.get(), knownVerdict);
            tally.cacheHit();
            context.progress().advance(1);
            return true;
        }
        return false;
    }

    static Finding tooLarge(SourceFile f, SyntaxConfig.Language language) {
        return Finding.builder(language.ruleId(), Severity.WARNING).category("too-large").file(f.path()).message("not checked: the file has " + f.size() + " bytes, more than syntax.maxFileSize").build();
    }

    static boolean hasError(JsonNode cached) {
        return findingsOf(cached).map(l -> l.stream().anyMatch(f -> f.severity() == Severity.ERROR)).orElse(false);
    }

    static Optional<List<Finding>> findingsOf(JsonNode cached) {
        if (cached == null || !cached.isArray()) {
            return Optional.empty();
        }
        if (cached.isEmpty()) {
            return Optional.of(List.of()); // most files: clean, nothing to bind
        }
        try {
            return Optional.of(List.of(Json.REPORT.treeToValue(cached, Finding[].class)));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The cache salt: what decides a file's result besides its bytes (also records the tools in the details). */
    static String salt(SyntaxConfig config, ScriptChecks scripts, PythonPool pool, Map<String, Object> details) {
        String pythonId = pool == null ? "-" : pool.hello().implementation() + " " + pool.hello().version()
                + " " + pool.hello().executable();
        if (pool != null) {
            details.put("python.interpreter", config.python().interpreter());
            details.put("python.version", pool.hello().version());
            details.put("python.implementation", pool.hello().implementation());
            details.put("python.executable", pool.hello().executable());
        }
        String typescript = scripts.describe(details);
        return "syntax-gate " + SyntaxGate.VERSION + "; python " + pythonId + "; java " + config.java().release()
                + " " + config.java().parser() + "; maxFileSize " + config.maxFileSizeBytes() + typescript
                + "; jsonc " + config.jsoncGlobs();
    }

    /** Saves the cache; a cache that cannot be saved is a note in the details, not a failure. */
    static void save(Optional<ContentCache> cache, Map<String, Object> details) {
        if (cache.isPresent()) {
            try {
                cache.get().save();
            } catch (IOException e) {
                details.put("cache.error", "could not save the cache: " + e.getMessage());
            }
        }
    }
}
