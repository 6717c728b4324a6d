package io.github.recoverygates.syntax;

import io.github.recoverygates.core.ParameterType;
import io.github.recoverygates.core.Metric;
import io.github.recoverygates.core.GateParameter;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.recoverygates.core.ConfigException;
import io.github.recoverygates.core.ContentCache;
import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.Gate;
import io.github.recoverygates.core.GateContext;
import io.github.recoverygates.core.GateException;
import io.github.recoverygates.core.GateOutcome;
import io.github.recoverygates.core.GateResult;
import java.util.SortedMap;
import io.github.recoverygates.core.Shard;
import io.github.recoverygates.syntax.collection.CollectionReport;
import io.github.recoverygates.syntax.collection.TestCollection;
import io.github.recoverygates.core.Glob;
import io.github.recoverygates.core.Json;
import io.github.recoverygates.core.Section;
import io.github.recoverygates.core.Table;
import io.github.recoverygates.core.Unit;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.core.SourceFile;
import io.github.recoverygates.core.Threshold;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * syntaxGate: can the code even be parsed? Python by the configured interpreter's own
 * {@code compile()}, Java by javac's parser, YAML, JSON and TOML by Jackson; parse-rate
 * thresholds per scope (the seeds' mission_critical / integration / unit by default).
 */
public final class SyntaxGate implements Gate {

    /** Part of the cache salt: bump when a result for the same bytes could change. */
    static final String VERSION = "1";
    private static final int JAVA_BATCH = 256;
    private static final int DATA_BATCH = 64;

    @Override
    public String name() {
        return "syntax";
    }

    @Override
    public String configKey() {
        return "syntax";
    }

    @Override
    public String description() {
        return "Do the code and its tests parse? Python by the interpreter's compile(), Java by javac, "
                + "TypeScript/JavaScript by the repository's own typescript, YAML/JSON (with comments where tools allow them)/TOML.";
    }

    @Override
    public int order() {
        return 2;
    }

    @Override
    public Class<?> configType() {
        return SyntaxConfig.class;
    }

    @Override
    public void validate(io.github.recoverygates.core.Config config) {
        config.section(configKey(), SyntaxConfig.class);
    }

    @Override
    public List<GateParameter> parameters() {
        return List.of(new GateParameter("interpreter", "syntax.python.interpreter", ParameterType.STRING,
                "The Python interpreter whose compile() decides (default: python3 on the PATH)."));
    }

    @Override
    public List<Metric> keyMetrics() {
        return List.of(Metric.count("files.python", "Python files"), Metric.count("failed.python", "do not compile"),
                Metric.count("tests.collectable", "collectable tests"), Metric.count("tests.lost", "lost tests"));
    }

    @Override
    public String trendLabel() {
        return "parse rate";
    }

    @Override
    public java.util.Map<String, String> rules() {
        return java.util.Map.of(
                "syntax/python", "A Python file that the interpreter's compile() rejects",
                "syntax/java", "A Java file that javac's parser rejects",
                "syntax/yaml", "A YAML file that does not parse",
                "syntax/json", "A JSON file that does not parse",
                "syntax/toml", "A TOML file that does not parse",
                "syntax/typescript", "A TypeScript file with parse errors from the repository's own typescript package",
                "syntax/javascript", "A JavaScript file with parse errors from the repository's own typescript package",
                "syntax/lost-tests", "Tests pytest cannot collect because their file or a conftest does not compile",
                "syntax/collects-nothing", "A test scope in which pytest would collect no test at all");
    }

    /** Parsing needs no config, so {@code all} always runs this gate (its defaults check every file). */
    @Override
    public boolean enabledBy(io.github.recoverygates.core.Config config) {
        return true;
    }

    @Override
    public GateOutcome run(GateContext context) throws GateException, InterruptedException {
        SyntaxConfig config = context.config().section(configKey(), SyntaxConfig.class);
        Set<SyntaxConfig.Language> languages = EnumSet.copyOf(config.languages());
        List<Glob> include = Glob.all(config.include());
        List<Glob> exclude = Glob.all(config.exclude());
        long maxSize = config.maxFileSizeBytes();

        int pythonWorkers = context.workers(config.python().workers(), "syntax.python.workers");
        // the interpreter starts while the tree is walked
        PoolStart early = languages.contains(SyntaxConfig.Language.PYTHON) ? new PoolStart(config.python(), pythonWorkers, context.environment()) : null;
        List<SourceFile> workspaceFiles;
        try {
            workspaceFiles = context.workspace().files();
        } catch (RuntimeException e) {
            if (early != null) {
                early.discard();
            }
            throw e;
        }
        List<SourceFile> pythonInScope = new ArrayList<>();
        List<SourceFile> notSelected = new ArrayList<>();
        Map<SyntaxConfig.Language, List<SourceFile>> selected = new EnumMap<>(SyntaxConfig.Language.class);
        for (SyntaxConfig.Language l : SyntaxConfig.Language.values()) {
            selected.put(l, new ArrayList<>());
        }
        for (SourceFile f : workspaceFiles) {
            SyntaxConfig.Language language = languageOf(f, languages);
            if (language == null || !include.isEmpty() && !Glob.any(include, f.path()) || Glob.any(exclude, f.path())) {
                continue;
            }
            if (language == SyntaxConfig.Language.PYTHON) {
                pythonInScope.add(f);
            }
            if (context.selected(f.path())) {
                selected.get(language).add(f);
            } else {
                notSelected.add(f);
            }
        }
        List<SyntaxThresholds.Scope> scopes = SyntaxThresholds.resolve(config.thresholds(), workspaceFiles);
        Tally tally = new Tally();

        List<SourceFile> scripts = new ArrayList<>();
        for (SyntaxConfig.Language l : SyntaxConfig.Language.values()) {
            if (l.byTypeScript()) {
                scripts.addAll(selected.get(l));
            }
        }
        // TypeScript/JavaScript: each file by the typescript that node resolves from its directory
        Map<java.nio.file.Path, List<SourceFile>> scriptGroups = new TreeMap<>();
        Map<String, String> typescriptVersions = new TreeMap<>();
        String node = null;
        if (!scripts.isEmpty()) {
            java.nio.file.Path fixed = TypeScriptPool.configured(config.typescript(), context.root());
            if (fixed != null && !java.nio.file.Files.isRegularFile(fixed.resolve("package.json"))) {
                if (early != null) {
                    early.discard();
                }
                throw new ConfigException(context.config().where("/syntax/typescript/path")
                        + ": syntax.typescript.path: no typescript package (package.json) at " + fixed);
            }
            node = TypeScriptPool.node(config.typescript(), context.environment());
            if (node == null) {
                skipScripts(context, selected, scripts, "no '" + config.typescript().node()
                        + "' executable on the PATH (syntax.typescript.node)", tally);
            } else {
                Map<java.nio.file.Path, List<SourceFile>> groups = TypeScriptPool.group(scripts, config.typescript(), context.root());
                List<SourceFile> unresolved = groups.remove(null);
                if (unresolved != null) {
                    skipScripts(context, selected, unresolved, "no node_modules/typescript in their directory or above it "
                            + "(npm install typescript, or set syntax.typescript.path)", tally);
                }
                scriptGroups.putAll(groups);
                scriptGroups.keySet().forEach(p -> typescriptVersions.put(p.toString(), packageVersion(p)));
            }
        }

        JavaSyntax javaSyntax = null;
        if (!selected.get(SyntaxConfig.Language.JAVA).isEmpty()) {
            try {
                javaSyntax = JavaSyntax.create(config.java());
            } catch (IllegalArgumentException | IllegalStateException e) {
                if (early != null) {
                    early.discard();
                }
                throw new ConfigException(context.config().where("/syntax/java") + ": " + e.getMessage(), e);
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        PythonPool pool = null;
        if (early != null) {
            if (pythonInScope.isEmpty()) {
                early.discard();
            } else {
                pool = early.get();
            }
        }
        try {
            String pythonId = pool == null ? "-" : pool.hello().implementation() + " " + pool.hello().version()
                    + " " + pool.hello().executable();
            if (pool != null) {
                details.put("python.interpreter", config.python().interpreter());
                details.put("python.version", pool.hello().version());
                details.put("python.implementation", pool.hello().implementation());
                details.put("python.executable", pool.hello().executable());
            }
            if (javaSyntax != null) {
                details.put("java.parser", javaSyntax.name());
            }
            if (!scriptGroups.isEmpty()) {
                details.put("typescript.path", String.join(", ", typescriptVersions.keySet()));
                details.put("typescript.version", String.join(", ", new java.util.TreeSet<>(typescriptVersions.values())));
                details.put("typescript.node", node);
            }
            String salt = "syntax-gate " + VERSION + "; python " + pythonId + "; java " + config.java().release()
                    + " " + config.java().parser() + "; maxFileSize " + maxSize + "; typescript " + typescriptVersions + "; jsonc " + config.jsoncGlobs();
            Optional<ContentCache> cache = context.cache(name(), salt);
            long total = selected.values().stream().mapToLong(List::size).sum();
            context.progress().start("syntax", total);

            checkPython(context, config, selected.get(SyntaxConfig.Language.PYTHON), maxSize, pool, cache, tally);
            checkOthers(context, selected, maxSize, javaSyntax, Glob.all(config.jsoncGlobs()), cache, tally);
            for (Map.Entry<java.nio.file.Path, List<SourceFile>> group : scriptGroups.entrySet()) {
                checkScripts(context, config, selected, group.getValue(), maxSize,
                        new TypeScriptPool.Located(node, group.getKey()), cache, tally, details);
            }
            context.progress().finish();

            for (SourceFile f : notSelected) {
                cache.ifPresent(c -> c.carryOver(f.path()));
            }
            if (pool != null) {
                tally.workerRestarts = pool.restarts();
            }
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
                        failing = cache.get().peek(f.path()).map(SyntaxGate::hasError).orElse(null);
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
                        percent(result.actual()),
                        String.format(Locale.ROOT, "%.1f", scope.min()), result.passed() ? "pass" : "FAIL"));
            }
            if (scopes.isEmpty()) {
                details.put("thresholds", "none configured and no tests/mission_critical, tests/integration or tests/unit directory");
            } else if (config.thresholds().isEmpty()) {
                details.put("thresholds", "the seeds' defaults (mission_critical 100%, integration 95%, unit 90%) for the directories present");
            }
            if (!notSelected.isEmpty()) {
                details.put("notSelectedFiles", notSelected.size());
            }
            CollectionReport collection = null;
            if (languages.contains(SyntaxConfig.Language.PYTHON) && config.testCollection().isEnabled()) {
                collection = collectTests(context, config, pythonInScope, selected.get(SyntaxConfig.Language.PYTHON), cache, tally);
                thresholds.addAll(collection.thresholds());
                tally.metrics.putAll(collection.metrics());
                collection.details().forEach((k, v) -> details.put("testCollection." + k, v));
            }
            if (cache.isPresent()) {
                try {
                    cache.get().save();
                } catch (IOException e) {
                    details.put("cache.error", "could not save the cache: " + e.getMessage());
                }
            }
            GateOutcome outcome = outcome(tally, thresholds, scopeRows, details, selected);
            if (collection == null) {
                return outcome;
            }
            List<Finding> findings = new ArrayList<>(outcome.findings());
            findings.addAll(collection.findings());
            List<Section> sections = new ArrayList<>(outcome.sections());
            sections.addAll(collection.sections());
            return new GateOutcome(outcome.summary(), outcome.metrics(), outcome.thresholds(), findings, sections,
                    outcome.details(), outcome.minimumVerdict());
        } finally {
            if (pool != null) {
                pool.close();
            }
            if (javaSyntax != null) {
                javaSyntax.close();
            }
        }
    }

    private static void checkPython(GateContext context, SyntaxConfig config, List<SourceFile> files, long maxSize,
                                    PythonPool pool, Optional<ContentCache> cache, Tally tally)
            throws GateException, InterruptedException {
        List<SourceFile> toCompile = new ArrayList<>();
        for (SourceFile f : files) {
            if (f.size() > maxSize) {
                tally.add(f, SyntaxConfig.Language.PYTHON, List.of(tooLarge(f, SyntaxConfig.Language.PYTHON)), false);
                context.progress().advance(1);
                continue;
            }
            Optional<List<Finding>> cached = cache.flatMap(c -> c.lookup(f)).flatMap(SyntaxGate::findingsOf);
            if (cached.isPresent()) {
                tally.add(f, SyntaxConfig.Language.PYTHON, cached.get(), true);
                tally.cacheHit();
                context.progress().advance(1);
            } else {
                toCompile.add(f);
            }
        }
        if (toCompile.isEmpty()) {
            return;
        }
        boolean hash = cache.isPresent();
        pool.compile(toCompile, hash, (f, r) -> {
            List<Finding> findings = r.ok() ? List.of() : List.of(pythonFinding(f, r));
            tally.add(f, SyntaxConfig.Language.PYTHON, findings, true);
            tally.compiled();
            boolean cacheable = r.ok() || !PythonResult.WORKER_FAILURE.equals(r.type()) && !"OSError".equals(r.type());
            if (cacheable && r.contentKey() != null) {
                cache.get().put(f, r.contentKey(), Json.REPORT.valueToTree(findings));
            }
            context.progress().advance(1);
        });
    }

    private static void checkOthers(GateContext context, Map<SyntaxConfig.Language, List<SourceFile>> selected,
                                    long maxSize, JavaSyntax java, List<Glob> jsonc, Optional<ContentCache> cache, Tally tally)
            throws InterruptedException, GateException {
        List<Runnable> jobs = new ArrayList<>();
        DataSyntax data = new DataSyntax();
        for (SyntaxConfig.Language language : List.of(SyntaxConfig.Language.JAVA, SyntaxConfig.Language.YAML,
                SyntaxConfig.Language.JSON, SyntaxConfig.Language.TOML)) {
            List<SourceFile> todo = new ArrayList<>();
            for (SourceFile f : selected.get(language)) {
                if (f.size() > maxSize) {
                    tally.add(f, language, List.of(tooLarge(f, language)), false);
                    context.progress().advance(1);
                    continue;
                }
                Optional<List<Finding>> cached = cache.flatMap(c -> c.lookup(f)).flatMap(SyntaxGate::findingsOf);
                if (cached.isPresent()) {
                    tally.add(f, language, cached.get(), false);
                    tally.cacheHit();
                    context.progress().advance(1);
                } else {
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
                        tally.add(f, language, findings, false);
                        boolean unreadable = findings.stream().anyMatch(x -> "unreadable".equals(x.category()));
                        if (!unreadable) {
                            List<Finding> value = findings;
                            cache.ifPresent(c -> c.put(f, Json.REPORT.valueToTree(value)));
                        }
                        context.progress().advance(1);
                    }
                });
            }
        }
        if (jobs.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(context.workers(), jobs.size()), r -> {
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

    /**
     * TypeScript and JavaScript by the repository's own parser: cached verdicts first, the rest
     * through the node worker pool, started only when something is left to parse.
     */
    private static void checkScripts(GateContext context, SyntaxConfig config,
                                     Map<SyntaxConfig.Language, List<SourceFile>> selected, List<SourceFile> files,
                                     long maxSize, TypeScriptPool.Located where, Optional<ContentCache> cache,
                                     Tally tally, Map<String, Object> details) throws GateException, InterruptedException {
        List<SourceFile> toParse = new ArrayList<>();
        for (SourceFile f : files) {
            SyntaxConfig.Language language = languageOf(f, EnumSet.allOf(SyntaxConfig.Language.class));
            if (f.size() > maxSize) {
                tally.add(f, language, List.of(tooLarge(f, language)), false);
                context.progress().advance(1);
                continue;
            }
            Optional<List<Finding>> cached = cache.flatMap(c -> c.lookup(f)).flatMap(SyntaxGate::findingsOf);
            if (cached.isPresent()) {
                tally.add(f, language, cached.get(), false);
                tally.cacheHit();
                context.progress().advance(1);
            } else {
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
                SyntaxConfig.Language language = languageOf(f, EnumSet.allOf(SyntaxConfig.Language.class));
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
                                    List<SourceFile> files, String why, Tally tally) {
        java.util.Set<SourceFile> skipped = new java.util.HashSet<>(files);
        for (SyntaxConfig.Language l : SyntaxConfig.Language.values()) {
            if (l.byTypeScript()) {
                selected.get(l).removeIf(skipped::contains);
            }
        }
        context.notices().add("syntax: " + files.size() + " TypeScript/JavaScript files not checked: " + why);
        tally.skippedScripts += files.size();
    }

    static SyntaxConfig.Language languageOf(SourceFile f, Set<SyntaxConfig.Language> enabled) {
        String ext = f.extension();
        for (SyntaxConfig.Language l : enabled) {
            if (l.owns(ext)) {
                return l;
            }
        }
        return null;
    }

    private static Finding pythonFinding(SourceFile f, PythonResult r) {
        Finding.Builder finding = Finding.builder(SyntaxConfig.Language.PYTHON.ruleId(), Severity.ERROR)
                .category(r.category()).file(f.path()).at(r.line(), r.column()).message(r.message());
        if (r.endLine() > 0) {
            finding.end(r.endLine(), Math.max(0, r.endColumn()));
        }
        return finding.build();
    }

    private static Finding tooLarge(SourceFile f, SyntaxConfig.Language language) {
        return Finding.builder(language.ruleId(), Severity.WARNING).category("too-large").file(f.path()).message("not checked: the file has " + f.size() + " bytes, more than syntax.maxFileSize").build();
    }

    private static boolean hasError(JsonNode cached) {
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

    /** Rebuilds the summary and the tables from the joined totals, as one unsharded run would write them. */
    @Override
    public GateResult afterMerge(GateResult merged, List<GateResult> shards) {
        String summary = summarize(merged.metrics(), merged.thresholds());
        List<Threshold> scopes = merged.thresholds().stream().filter(t -> !t.name().startsWith("collect.")).toList();
        List<Section> sections = new ArrayList<>();
        List<List<String>> scopeRows = scopes.stream().filter(t -> t.denominator() != null).map(t -> List.of(t.name(),
                String.join(", ", t.include()), Long.toString(t.denominator()), Long.toString(t.numerator()),
                Long.toString(t.denominator() - t.numerator()), "0", percent(t.actual()),
                String.format(Locale.ROOT, "%.1f", t.required()), t.passed() ? "pass" : "FAIL")).toList();
        Map<String, Long> categories = prefixed(merged.metrics(), "category.");
        Map<String, Long> dirs = prefixed(merged.metrics(), "failed.dir.");
        SortedMap<String, Number> metrics = new TreeMap<>(merged.metrics());
        shards.stream().map(r -> r.metrics().get("tests.projects")).filter(java.util.Objects::nonNull)
                .mapToLong(Number::longValue).max().ifPresent(n -> metrics.put("tests.projects", n));
        List<Section> collection = TestCollection.mergeSections(shards.stream().map(GateResult::sections).toList());
        for (Section section : merged.sections()) {
            if (!(section instanceof Table s)) {
                sections.add(section);
                continue;
            }
            switch (s.id()) {
                case "test-collection", "lost-tests" -> collection.stream().filter(c -> c.id().equals(s.id()))
                        .findFirst().ifPresent(sections::add);
                case "syntax-thresholds" -> sections.add(Table.ofText(s.id(), s.title(), s.headers(), scopeRows));
                case "syntax-languages" -> sections.add(Table.ofText(s.id(), s.title(), s.headers(), languageRows(metrics)));
                case "syntax-categories" -> sections.add(Table.ofText(s.id(), s.title(), s.headers(), ranked(categories, Integer.MAX_VALUE)));
                case "syntax-directories" -> sections.add(Table.ofText(s.id(), s.title(), s.headers(), ranked(dirs, 25)));
                default -> sections.add(s);
            }
        }
        SortedMap<String, Object> details = new TreeMap<>(merged.details());
        details.remove("notSelectedFiles");
        details.keySet().removeIf(k -> k.startsWith("thresholds.") && k.endsWith(".unknownFiles"));
        Number errors = metrics.get("tests.collectionErrors");
        if (errors != null && errors.longValue() > 0) {
            details.put("testCollection.pytestRun", TestCollection.pytestRunNote(errors.longValue(),
                    metrics.getOrDefault("tests.collectable", 0).longValue()));
        }
        return new GateResult(merged.schemaVersion(), merged.gate(), merged.verdict(), summary, merged.startedAt(),
                merged.durationMs(), metrics, merged.thresholds(), merged.baseline(), merged.findings(),
                sections, details);
    }

    /** The one-line summary, from the metrics and thresholds alone (so a merged report words it as one run would). */
    private static String summarize(Map<String, Number> metrics, List<Threshold> thresholds) {
        List<String> parts = new ArrayList<>();
        for (SyntaxConfig.Language l : SyntaxConfig.Language.values()) {
            Number files = metrics.get("files." + l.id());
            if (files != null) {
                parts.add(metrics.getOrDefault("failed." + l.id(), 0) + " of " + files + " " + label(l) + " files do not "
                        + (l == SyntaxConfig.Language.PYTHON ? "compile" : "parse"));
            }
        }
        String summary = parts.isEmpty() ? "no files to check" : String.join("; ", parts);
        List<String> failed = thresholds.stream().filter(t -> !t.passed()).map(t -> {
            String unit = t.unit() == Unit.PERCENT ? "%" : " " + t.unit().symbol();
            return t.isEmpty() ? t.name() + " has no files (an empty scope)"
                    : t.name() + " " + t.actual() + unit + " < " + t.required() + unit;
        }).toList();
        if (!failed.isEmpty()) {
            summary += "; threshold failed: " + String.join(", ", failed);
        }
        Number lost = metrics.get("tests.lost");
        if (lost != null && lost.longValue() > 0) {
            summary += "; " + lost + " tests cannot be collected";
        }
        return summary;
    }

    private static final List<String> LANGUAGE_HEADERS = List.of("Language", "Files", "Failing", "Rule");

    /** One row per language this run checked (files.<id>), plus TypeScript/JavaScript files left unchecked. */
    private static List<List<String>> languageRows(Map<String, Number> metrics) {
        List<List<String>> rows = new ArrayList<>();
        for (SyntaxConfig.Language l : SyntaxConfig.Language.values()) {
            Number files = metrics.get("files." + l.id());
            if (files != null) {
                rows.add(List.of(label(l), Long.toString(files.longValue()),
                        Long.toString(metrics.getOrDefault("failed." + l.id(), 0).longValue()), l.ruleId()));
            }
        }
        Number skipped = metrics.get("skipped.no-typescript");
        if (skipped != null && skipped.longValue() > 0) {
            rows.add(List.of("TypeScript/JavaScript (not checked: no typescript)", Long.toString(skipped.longValue()), "", ""));
        }
        return rows;
    }

    /** The {@code version} of a package's package.json, "?" when it cannot be read. */
    private static String packageVersion(java.nio.file.Path dir) {
        try {
            return Json.REPORT.readTree(dir.resolve("package.json").toFile()).path("version").asText("?");
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static String percent(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.1f", value);
    }

    private static Map<String, Long> prefixed(Map<String, Number> metrics, String prefix) {
        Map<String, Long> out = new TreeMap<>();
        metrics.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v.longValue());
            }
        });
        return out;
    }

    private static List<List<String>> ranked(Map<String, Long> counts, int limit) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(limit).map(e -> List.of(e.getKey(), Long.toString(e.getValue()))).toList();
    }

    /**
     * pytest's view: which tests the repository's own config would collect and which are lost to
     * files that do not compile. A shard counts its own files (so shard counts add up in
     * {@code merge}); otherwise every Python file counts, unchecked ones by their cached verdict.
     */
    private static CollectionReport collectTests(GateContext context, SyntaxConfig config, List<SourceFile> pythonInScope,
                                                 List<SourceFile> selectedPython, Optional<ContentCache> cache, Tally tally) {
        List<SourceFile> files = Shard.ALL.equals(context.shard()) ? pythonInScope : selectedPython;
        Set<String> unparsable = new java.util.HashSet<>();
        for (SourceFile f : files) {
            Boolean failing = tally.pythonFailing.get(f.path());
            if (failing == null && cache.isPresent()) {
                failing = cache.get().peek(f.path()).map(SyntaxGate::hasError).orElse(null);
            }
            if (Boolean.TRUE.equals(failing)) {
                unparsable.add(f.path());
            }
        }
        ContentCache memo = context.cache("syntax-tests", "test-collection " + VERSION).orElse(null);
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
        return new CollectionReport(kept, report.metrics(), report.sections(), report.thresholds(), report.details());
    }

    private static GateOutcome outcome(Tally tally, List<Threshold> thresholds, List<List<String>> scopeRows,
                                       Map<String, Object> details, Map<SyntaxConfig.Language, List<SourceFile>> selected) {
        Map<String, Number> metrics = new TreeMap<>(tally.metrics);
        for (SyntaxConfig.Language l : SyntaxConfig.Language.values()) {
            long files = tally.files.getOrDefault(l, 0L);
            long failed = tally.failed.getOrDefault(l, 0L);
            if (!selected.get(l).isEmpty() || files > 0) {
                metrics.put("files." + l.id(), files);
                metrics.put("failed." + l.id(), failed);
            }
        }
        tally.categories.forEach((k, v) -> metrics.put("category." + k, v));
        tally.failedByDir.forEach((k, v) -> metrics.put("failed.dir." + k, v));
        metrics.put("cache.hits", tally.cacheHits);
        metrics.put("compiled.python", tally.compiledPython);
        metrics.put("skipped.too-large", tally.tooLarge);
        if (tally.skippedScripts > 0) {
            metrics.put("skipped.no-typescript", tally.skippedScripts);
        }
        metrics.put("worker.restarts", tally.workerRestarts);
        String summary = summarize(metrics, thresholds);
        List<Section> sections = new ArrayList<>();
        List<List<String>> languageRows = languageRows(metrics);
        if (!languageRows.isEmpty()) {
            sections.add(Table.ofText("syntax-languages", "Files by language", LANGUAGE_HEADERS, languageRows));
        }
        if (!scopeRows.isEmpty()) {
            sections.add(Table.ofText("syntax-thresholds", "Parse rate by scope",
                    List.of("Scope", "Include", "Python files", "Compile", "Fail", "Unknown", "Rate %", "Required %", "Result"),
                    scopeRows));
        }
        if (!tally.categories.isEmpty()) {
            sections.add(Table.ofText("syntax-categories", "Python files that do not compile, by category",
                    List.of("Category", "Files"), ranked(tally.categories, Integer.MAX_VALUE)));
        }
        if (!tally.failedByDir.isEmpty()) {
            sections.add(Table.ofText("syntax-directories", "Failing files by top-level directory",
                    List.of("Directory", "Failing files"), ranked(tally.failedByDir, 25)));
        }
        List<Finding> findings = new ArrayList<>(tally.findings);
        findings.sort(Finding.ORDER);
        return new GateOutcome(summary, metrics, thresholds, findings, sections, details, null);
    }

    private static String label(SyntaxConfig.Language l) {
        return switch (l) {
            case PYTHON -> "Python";
            case JAVA -> "Java";
            case YAML -> "YAML";
            case JSON -> "JSON";
            case TOML -> "TOML";
            case TYPESCRIPT -> "TypeScript";
            case JAVASCRIPT -> "JavaScript";
        };
    }

    /** Starts the interpreter pool on its own thread, so that it overlaps the workspace walk. */
    private static final class PoolStart {
        private final java.util.concurrent.CompletableFuture<PythonPool> future = new java.util.concurrent.CompletableFuture<>();

        PoolStart(SyntaxConfig.Python python, int size, java.util.Map<String, String> environment) {
            Thread t = new Thread(() -> {
                try {
                    future.complete(PythonPool.open(python, size, environment));
                } catch (Throwable e) {
                    future.completeExceptionally(e);
                }
            }, "syntax-python-open");
            t.setDaemon(true);
            t.start();
        }

        PythonPool get() throws GateException, InterruptedException {
            try {
                return future.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof GateException g) {
                    throw g;
                }
                if (e.getCause() instanceof InterruptedException ie) {
                    throw ie;
                }
                throw new GateException("cannot start the Python workers: " + e.getCause(), e.getCause());
            }
        }

        /** Not needed after all: close the pool once it is up, whatever happened. */
        void discard() {
            future.whenComplete((pool, error) -> {
                if (pool != null) {
                    pool.close();
                }
            });
        }
    }

    /** What the run found, collected from several threads. */
    private static final class Tally {
        final Map<SyntaxConfig.Language, Long> files = new EnumMap<>(SyntaxConfig.Language.class);
        final Map<SyntaxConfig.Language, Long> failed = new EnumMap<>(SyntaxConfig.Language.class);
        final Map<String, Long> categories = new TreeMap<>();
        final Map<String, Long> failedByDir = new TreeMap<>();
        final Map<String, Boolean> pythonFailing = new java.util.HashMap<>();
        final List<Finding> findings = new ArrayList<>();
        final Map<String, Number> metrics = new TreeMap<>();
        long cacheHits;
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

        synchronized void compiled() {
            compiledPython++;
        }
    }
}
