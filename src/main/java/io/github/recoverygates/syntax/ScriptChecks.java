package io.github.recoverygates.syntax;

import io.github.recoverygates.core.ConfigException;
import io.github.recoverygates.core.ContentCache;
import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.GateContext;
import io.github.recoverygates.core.GateException;
import io.github.recoverygates.core.Json;
import io.github.recoverygates.core.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * TypeScript and JavaScript by the repository's own parser: which typescript package parses which
 * file (the one node resolves from the file's directory, or the configured one), the node that runs
 * the workers, and the checks through one node worker pool per package.
 */
final class ScriptChecks {

    private final String node;
    /** Package directory → the selected files it parses; empty when there is nothing to parse or no parser. */
    private final Map<Path, List<SourceFile>> groups;
    private final Map<String, String> versions = new TreeMap<>();

    private ScriptChecks(String node, Map<Path, List<SourceFile>> groups) {
        this.node = node;
        this.groups = groups;
        groups.keySet().forEach(p -> versions.put(p.toString(), packageVersion(p)));
    }

    /**
     * Groups the selected TS/JS files by their typescript package; files without node or without a
     * package are skipped with a notice. A configured {@code syntax.typescript.path} without a
     * package is a config error.
     */
    static ScriptChecks prepare(GateContext context, SyntaxConfig config, FileSelection files, SyntaxTally tally) {
        List<SourceFile> scripts = new ArrayList<>();
        for (SyntaxConfig.Language l : SyntaxConfig.Language.values()) {
            if (l.byTypeScript()) {
                scripts.addAll(files.selected(l));
            }
        }
        Map<Path, List<SourceFile>> groups = new TreeMap<>();
        String node = null;
        if (!scripts.isEmpty()) {
            Path fixed = TypeScriptPool.configured(config.typescript(), context.root());
            if (fixed != null && !Files.isRegularFile(fixed.resolve("package.json"))) {
                throw new ConfigException(context.config().where("/syntax/typescript/path")
                        + ": syntax.typescript.path: no typescript package (package.json) at " + fixed);
            }
            node = TypeScriptPool.node(config.typescript(), context.environment());
            if (node == null) {
                skipScripts(context, files.selected(), scripts, "no '" + config.typescript().node()
                        + "' executable on the PATH (syntax.typescript.node)", tally);
            } else {
                Map<Path, List<SourceFile>> found = TypeScriptPool.group(scripts, config.typescript(), context.root());
                List<SourceFile> unresolved = found.remove(null);
                if (unresolved != null) {
                    skipScripts(context, files.selected(), unresolved, "no node_modules/typescript in their directory "
                            + "or above it (npm install typescript, or set syntax.typescript.path)", tally);
                }
                groups.putAll(found);
            }
        }
        return new ScriptChecks(node, groups);
    }

    /** Records the parsers in the details; returns their part of the cache salt. */
    String describe(Map<String, Object> details) {
        if (!groups.isEmpty()) {
            details.put("typescript.path", String.join(", ", versions.keySet()));
            details.put("typescript.version", String.join(", ", new TreeSet<>(versions.values())));
            details.put("typescript.node", node);
        }
        return "; typescript " + versions;
    }

    /** Parses the selected TS/JS files, package by package. */
    void check(GateContext context, SyntaxConfig config, Map<SyntaxConfig.Language, List<SourceFile>> selected,
               long maxSize, Optional<ContentCache> cache, SyntaxTally tally, Map<String, Object> details)
            throws GateException, InterruptedException {
        for (Map.Entry<Path, List<SourceFile>> group : groups.entrySet()) {
            checkScripts(context, config, selected, group.getValue(), maxSize,
                    new TypeScriptPool.Located(node, group.getKey()), cache, tally, details);
        }
    }

    /**
     * TypeScript and JavaScript by the repository's own parser: cached verdicts first, the rest
     * through the node worker pool, started only when something is left to parse.
     */
    private static void checkScripts(GateContext context, SyntaxConfig config,
                                     Map<SyntaxConfig.Language, List<SourceFile>> selected, List<SourceFile> files,
                                     long maxSize, TypeScriptPool.Located where, Optional<ContentCache> cache,
                                     SyntaxTally tally, Map<String, Object> details) throws GateException, InterruptedException {
        List<SourceFile> toParse = new ArrayList<>();
        for (SourceFile f : files) {
            SyntaxConfig.Language language = FileSelection.languageOf(f, EnumSet.allOf(SyntaxConfig.Language.class));
            if (!FileChecks.settled(context, f, language, maxSize, cache, tally, false)) {
                toParse.add(f);
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
            details.merge("typescript.api", pool.hello().api(), (a, b) -> a.equals(b) ? a : a + ", " + b);
            pool.check(toParse, (f, findings, cacheable) -> {
                SyntaxConfig.Language language = FileSelection.languageOf(f, EnumSet.allOf(SyntaxConfig.Language.class));
                tally.add(f, language, findings, false);
                if (cacheable) {
                    cache.ifPresent(c -> c.put(f, Json.REPORT.valueToTree(findings)));
                } else {
                    tally.notCached();
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
    private static String packageVersion(Path dir) {
        try {
            return Json.REPORT.readTree(dir.resolve("package.json").toFile()).path("version").asText("?");
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
