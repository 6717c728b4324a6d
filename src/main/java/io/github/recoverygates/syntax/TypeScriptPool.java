package io.github.recoverygates.syntax;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.recoverygates.core.ChildProcess;
import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.GateException;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.core.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * TypeScript and JavaScript files parsed by the repository's own {@code typescript} package, in a
 * {@link WorkerPool} of persistent {@code node ts_worker.cjs} processes. A file during which a worker
 * dies or that outlives {@code syntax.typescript.timeout} becomes an error finding for that file.
 */
final class TypeScriptPool extends WorkerPool<TypeScriptPool.Parsed> {

    /** Receives the findings of one file, from several threads; {@code cacheable} is false for worker failures. */
    interface Sink {
        void accept(SourceFile file, List<Finding> findings, boolean cacheable);
    }

    /** What one file's answer gives: its findings, and whether they are the parser's (and so may be cached). */
    record Parsed(List<Finding> findings, boolean cacheable) {
    }

    /** The node that runs the workers and the typescript package directory whose parser decides. */
    record Located(String node, Path typescript) {
    }

    /** node, typescript or a usable API is missing: the TS/JS files are skipped, not failed. */
    static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }

    /** What the first worker said: the typescript version and which of its APIs parses. */
    record Hello(String version, String api, String node) {
    }

    private static final int MAX_DEFAULT_WORKERS = 4;

    private TypeScriptPool(SyntaxConfig.TypeScript config, Located where, Path script, Map<String, String> environment,
                           int size) {
        super(new Terms("TypeScript", "parsing", "syntax.typescript.timeout", config.timeout(), config.batchSize()),
                new WorkerProcess.Launch(List.of(where.node(), script.toString(), where.typescript().toString()), Map.of(),
                        "node worker"), size, script.getParent(), environment);
    }

    /** {@code syntax.typescript.node} resolved on the run's PATH, or null when there is no such executable. */
    static String node(SyntaxConfig.TypeScript config, Map<String, String> environment) {
        String node = ChildProcess.resolve(config.node(), environment);
        boolean path = node.contains("/") || node.contains(java.io.File.separator);
        return path && Files.isExecutable(Path.of(node)) ? node : null;
    }

    /** The configured {@code syntax.typescript.path}, absolute, or null when none is configured. */
    static Path configured(SyntaxConfig.TypeScript config, Path root) {
        return config.path() == null ? null : root.resolve(config.path()).toAbsolutePath().normalize();
    }

    /**
     * The files by the typescript package that parses each: the configured one, else the
     * {@code node_modules/typescript} that node resolves from the file's directory (the nearest one
     * in it or above it, so a monorepo's packages each get their own). Files no package resolves
     * for are under the key {@code null}.
     */
    static Map<Path, List<SourceFile>> group(List<SourceFile> files, SyntaxConfig.TypeScript config, Path root) {
        Map<Path, List<SourceFile>> out = new java.util.LinkedHashMap<>();
        Path fixed = configured(config, root);
        Map<Path, Optional<Path>> memo = new java.util.HashMap<>();
        for (SourceFile f : files) {
            Path dir = f.absolute().toAbsolutePath().normalize().getParent();
            Path pkg = fixed != null ? fixed : resolveFrom(dir, memo).orElse(null);
            out.computeIfAbsent(pkg, k -> new ArrayList<>()).add(f);
        }
        return out;
    }

    private static Optional<Path> resolveFrom(Path dir, Map<Path, Optional<Path>> memo) {
        if (dir == null) {
            return Optional.empty();
        }
        Optional<Path> known = memo.get(dir);
        if (known != null) {
            return known;
        }
        Path candidate = dir.resolve("node_modules").resolve("typescript");
        Optional<Path> found = Files.isRegularFile(candidate.resolve("package.json")) ? Optional.of(candidate)
                : resolveFrom(dir.getParent(), memo);
        memo.put(dir, found);
        return found;
    }

    /**
     * Starts the first worker (the drivers start the others as they need them); its hello tells the
     * typescript version. {@link Unavailable} when the package cannot parse.
     */
    static TypeScriptPool open(SyntaxConfig.TypeScript config, Located where, int size, Map<String, String> environment)
            throws GateException, Unavailable, InterruptedException {
        TypeScriptPool pool = new TypeScriptPool(config, where, writeScript("ts_worker.cjs", "TypeScript worker"),
                environment, size);
        IOException failure = pool.startIdle(1);
        if (failure != null) {
            pool.close();
            throw new Unavailable("cannot run the TypeScript worker with '" + where.node() + "': " + failure.getMessage());
        }
        if (pool.said().hasNonNull("error")) {
            pool.close();
            throw new Unavailable(pool.said().get("error").asText());
        }
        return pool;
    }

    /** The default worker count: one per core, at most four (a node process holds a parser of its own). */
    static int defaultWorkers(int runWorkers) {
        return Math.max(1, Math.min(MAX_DEFAULT_WORKERS, runWorkers));
    }

    Hello hello() {
        JsonNode said = said();
        return new Hello(said.path("version").asText(), said.path("api").asText(), said.path("node").asText());
    }

    /** Parses every file, calling the sink once per file. */
    void check(List<SourceFile> files, Sink sink) throws GateException, InterruptedException {
        run(files, false, (f, parsed) -> sink.accept(f, parsed.findings(), parsed.cacheable()));
    }

    /** A batch of the native API answers after building its program: the first file waits for it too. */
    @Override
    Duration limit(boolean first, boolean oneFile) {
        return first && !oneFile ? super.limit(true, false).multipliedBy(2) : super.limit(first, oneFile);
    }

    @Override
    Parsed answer(SourceFile file, String line) {
        return new Parsed(findings(file, line), true);
    }

    @Override
    Parsed failure(SourceFile file, String why) {
        return new Parsed(List.of(failureFinding(file, why)), false);
    }

    @Override
    GateException cannotStart(IOException e) {
        return new GateException("cannot start a TypeScript node worker: " + e.getMessage(), e);
    }

    /** The findings one answer line gives for {@code f}: one per parse diagnostic (at most ten). */
    static List<Finding> findings(SourceFile f, String line) {
        JsonNode n;
        try {
            n = WorkerJson.MAPPER.readTree(line);
        } catch (IOException e) {
            return List.of(failureFinding(f, "the node worker answered something unreadable: " + WorkerProcess.abbreviate(line)));
        }
        if (n.path("ok").asInt() == 1) {
            return List.of();
        }
        String rule = ruleOf(f);
        String type = n.path("type").asText("");
        if ("unreadable".equals(type)) {
            return List.of(Finding.builder(rule, Severity.ERROR).category("unreadable").file(f.path())
                    .message(n.path("msg").asText("cannot read file")).build());
        }
        if ("crash".equals(type)) {
            return List.of(failureFinding(f, "the TypeScript parser failed on this file: " + n.path("msg").asText("")));
        }
        List<Finding> out = new ArrayList<>();
        for (JsonNode d : n.path("diags")) {
            Finding.Builder b = Finding.builder(rule, Severity.ERROR).category(categoryOf(f)).file(f.path())
                    .at(d.path("line").asInt(0), d.path("col").asInt(0))
                    .message("TS" + d.path("code").asInt() + ": " + d.path("msg").asText(""));
            if (d.path("endLine").asInt(0) > 0) {
                b.end(d.path("endLine").asInt(), d.path("endCol").asInt(0));
            }
            out.add(b.build());
        }
        return out.isEmpty() ? List.of(failureFinding(f, "the node worker said the file does not parse but gave no diagnostic")) : out;
    }

    private static String ruleOf(SourceFile f) {
        return SyntaxConfig.Language.TYPESCRIPT.owns(f.extension()) ? SyntaxConfig.Language.TYPESCRIPT.ruleId()
                : SyntaxConfig.Language.JAVASCRIPT.ruleId();
    }

    private static String categoryOf(SourceFile f) {
        return SyntaxConfig.Language.TYPESCRIPT.owns(f.extension()) ? SyntaxConfig.Language.TYPESCRIPT.id()
                : SyntaxConfig.Language.JAVASCRIPT.id();
    }

    private static Finding failureFinding(SourceFile f, String message) {
        return Finding.builder(ruleOf(f), Severity.ERROR).category("worker-failure").file(f.path()).message(message).build();
    }
}
