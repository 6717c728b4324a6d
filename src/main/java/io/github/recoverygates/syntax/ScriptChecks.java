package io.github.recoverygates.syntax;

import io.github.recoverygates.core.ConfigException;
import io.github.recoverygates.core.ContentCache;
import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.GateContext;
import io.github.recoverygates.core.GateException;
import io.github.recoverygates.core.Json;
import io.github.recoverygates.core.SourceFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * TypeScript and JavaScript by the repository's own parser: where node and the typescript package
 * are ({@code typescript} null when there is nothing to parse or no parser), and the checks through
 * the node worker pool.
 */
final class ScriptChecks {

    private final TypeScriptPool.Located typescript;
    private final String version;

    private ScriptChecks(TypeScriptPool.Located typescript, String version) {
        this.typescript = typescript;
        this.version = version;
    }

    /**
     * Locates the parser when TS/JS files are selected; without one they are skipped with a notice.
     * A configured {@code syntax.typescript.path} without a package is a config error.
     */
    static ScriptChecks prepare(GateContext context, SyntaxConfig config, FileSelection files, SyntaxTally tally) {
        List<SourceFile> scripts = new ArrayList<>();
        for (SyntaxConfig.Language l : SyntaxConfig.Language.values()) {
            if (l.byTypeScript()) {
                scripts.addAll(files.selected(l));
            }
        }
        TypeScriptPool.Located typescript = null;
        String typescriptVersion = "-";
        if (!scripts.isEmpty()) {
            typescript = TypeScriptPool.locate(config.typescript(), context.root(), context.environment());
            if (config.typescript().path() != null
                    && !java.nio.file.Files.isRegularFile(typescript.typescript().resolve("package.json"))) {
                throw new ConfigException(context.config().where("/syntax/typescript/path") + ": syntax.typescript.path: no typescript package (package.json) at "
                        + typescript.typescript());
            }
            if (typescript.unavailable() != null) {
                skipScripts(context, files.selected(), scripts, typescript.unavailable(), tally);
                typescript = null;
            } else {
                typescriptVersion = packageVersion(typescript.typescript());
            }
        }
        return new ScriptChecks(typescript, typescriptVersion);
    }

    /** Records the parser in the details; returns its part of the cache salt. */
    String describe(Map<String, Object> details) {
        if (typescript != null) {
            details.put("typescript.path", typescript.typescript().toString());
            details.put("typescript.version", version);
            details.put("typescript.node", typescript.node());
        }
        return "; typescript " + version + " " + (typescript == null ? "-" : typescript.typescript());
    }

    /** Parses the selected TS/JS files, when a parser was found. */
    void check(GateContext context, SyntaxConfig config, Map<SyntaxConfig.Language, List<SourceFile>> selected,
               long maxSize, Optional<ContentCache> cache, SyntaxTally tally, Map<String, Object> details)
            throws GateException, InterruptedException {
        if (typescript != null) {
            checkScripts(context, config, selected, maxSize, typescript, cache, tally, details);
        }
    }

    /**
     * TypeScript and JavaScript by the repository's own parser: cached verdicts first, the rest
     * through the node worker pool, started only when something is left to parse.
     */
    private static void checkScripts(GateContext context, SyntaxConfig config,
                                     Map<SyntaxConfig.Language, List<SourceFile>> selected, long maxSize,
                                     TypeScriptPool.Located where, Optional<ContentCache> cache, SyntaxTally tally,
                                     Map<String, Object> details) throws GateException, InterruptedException {
        List<SourceFile> toParse = new ArrayList<>();
        List<SourceFile> all = new ArrayList<>();
        for (SyntaxConfig.Language language : SyntaxConfig.Language.values()) {
            if (!language.byTypeScript()) {
                continue;
            }
            for (SourceFile f : selected.get(language)) {
                all.add(f);
                if (f.size() > maxSize) {
                    tally.add(f, language, List.of(FileChecks.tooLarge(f, language)), false);
                    context.progress().advance(1);
                    continue;
                }
                Optional<List<Finding>> cached = cache.flatMap(c -> c.lookup(f)).flatMap(FileChecks::findingsOf);
                if (cached.isPresent()) {
                    tally.add(f, language, cached.get(), false);
                    tally.cacheHit();
                    context.progress().advance(1);
                } else {
                    toParse.add(f);
                }
            }
        }
        if (toParse.isEmpty()) {
            return;
        }
        Integer configured = config.typescript().workers();
        int size = configured != null ? context.workers(configured, "syntax.typescript.workers")
                : TypeScriptPool.defaultWorkers(context.workers());
        size = Math.min(size, toParse.size());
        TypeScriptPool pool;
        try {
            pool = TypeScriptPool.open(config.typescript(), where, size, context.environment());
        } catch (TypeScriptPool.Unavailable e) {
            context.progress().advance(toParse.size());
            skipScripts(context, selected, toParse, e.getMessage(), tally);
            return;
        }
        try {
            details.put("typescript.api", pool.hello().api());
            pool.check(toParse, (f, findings, cacheable) -> {
                SyntaxConfig.Language language = FileSelection.languageOf(f, EnumSet.allOf(SyntaxConfig.Language.class));
                tally.add(f, language, findings, false);
                if (cacheable) {
                    cache.ifPresent(c -> c.put(f, Json.REPORT.valueToTree(findings)));
                }
                context.progress().advance(1);
            });
            tally.workerRestarts += pool.restarts();
        } finally {
            pool.close();
        }
    }

    /** No parser for TypeScript/JavaScript: the files are left unchecked, with one notice and a metric. */
    private static void skipScripts(GateContext context, Map<SyntaxConfig.Language, List<SourceFile>> selected,
                                    List<SourceFile> files, String why, SyntaxTally tally) {
        java.util.Set<SourceFile> skipped = new java.util.HashSet<>(files);
        for (SyntaxConfig.Language l : SyntaxConfig.Language.values()) {
            if (l.byTypeScript()) {
                selected.get(l).removeIf(skipped::contains);
            }
        }
        context.notices().add("syntax: " + files.size() + " TypeScript/JavaScript files not checked: " + why);
        tally.skippedScripts += files.size();
    }

    /** The {@code version} of a package's package.json, "?" when it cannot be read. */
    private static String packageVersion(java.nio.file.Path dir) {
        try {
            return Json.REPORT.readTree(dir.resolve("package.json").toFile()).path("version").asText("?");
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
