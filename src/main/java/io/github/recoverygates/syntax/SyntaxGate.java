package io.github.recoverygates.syntax;

import io.github.recoverygates.core.Config;
import io.github.recoverygates.core.ConfigException;
import io.github.recoverygates.core.ContentCache;
import io.github.recoverygates.core.Fingerprints;
import io.github.recoverygates.core.Gate;
import io.github.recoverygates.core.GateDescription;
import io.github.recoverygates.core.GateContext;
import io.github.recoverygates.core.GateException;
import io.github.recoverygates.core.GateOutcome;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.Glob;
import io.github.recoverygates.core.Metric;
import io.github.recoverygates.core.ParameterType;
import io.github.recoverygates.core.SourceFile;
import io.github.recoverygates.core.Threshold;
import io.github.recoverygates.syntax.collection.CollectionReport;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * syntaxGate: can the code even be parsed? Python by the configured interpreter's own
 * {@code compile()}, Java by javac's parser, YAML, JSON and TOML by Jackson; parse-rate
 * thresholds per scope (the seeds' mission_critical / integration / unit by default).
 */
public final class SyntaxGate implements Gate {

    private static final GateDescription DESCRIPTION = GateDescription.of("syntax", "syntax")
            .description("Do the code and its tests parse? Python by the interpreter's compile(), Java by javac, "
                    + "TypeScript/JavaScript by the repository's own typescript, YAML/JSON (with comments where tools allow them)/TOML.")
            .order(2)
            .config(SyntaxConfig.class)
            .parameter("interpreter", "syntax.python.interpreter", ParameterType.STRING,
                    "The Python interpreter whose compile() decides (default: python3 on the PATH).")
            .keyMetrics(Metric.count("files.python", "Python files"), Metric.count("failed.python", "do not compile"),
                    Metric.count("tests.collectable", "collectable tests"), Metric.count("tests.lost", "lost tests"))
            .trend("parse rate")
            .rule("syntax/python", "A Python file that the interpreter's compile() rejects")
            .rule("syntax/java", "A Java file that javac's parser rejects")
            .rule("syntax/yaml", "A YAML file that does not parse")
            .rule("syntax/json", "A JSON file that does not parse")
            .rule("syntax/toml", "A TOML file that does not parse")
            .rule("syntax/typescript", "A TypeScript file with parse errors from the repository's own typescript package")
            .rule("syntax/javascript", "A JavaScript file with parse errors from the repository's own typescript package")
            .rule("syntax/lost-tests", "Tests pytest cannot collect because their file or a conftest does not compile")
            .rule("syntax/collects-nothing", "A test scope in which pytest would collect no test at all")
            .build();

    /** Part of the cache salt: bump when a result for the same bytes could change. */
    static final String VERSION = "1";






    @Override
    public GateDescription describe() {
        return DESCRIPTION;
    }

    @Override
    public void validate(Config config) {
        config.section(configKey(), SyntaxConfig.class);
    }





    /** Parsing needs no config, so {@code all} always runs this gate (its defaults check every file). */
    @Override
    public boolean enabledBy(Config config) {
        return true;
    }

    @Override
    public GateOutcome run(GateContext context) throws GateException, InterruptedException {
        if (context.workspace() != null) {
            // the tree is walked and git's index read while the config is read and the interpreter starts
            context.workspace().prefetch();
            if (context.cacheDir() != null) {
                context.workspace().contentKeys(context.environment()).prefetch();
            }
        }
        SyntaxConfig config = context.config().section(configKey(), SyntaxConfig.class);
        Set<SyntaxConfig.Language> languages = EnumSet.copyOf(config.languages());
        List<Glob> include = Glob.all(config.include());
        List<Glob> exclude = Glob.all(config.exclude());
        int pythonWorkers = context.workers(config.python().workers(), "syntax.python.workers");
        // the interpreter starts while the tree is walked
        PoolStart early = languages.contains(SyntaxConfig.Language.PYTHON) ? new PoolStart(config.python(), pythonWorkers, context.environment()) : null;
        List<SourceFile> workspaceFiles;
        try {
            workspaceFiles = context.workspace().files();
        } catch (RuntimeException e) {
            PoolStart.discard(early);
            throw e;
        }
        FileSelection files = FileSelection.of(workspaceFiles, languages, include, exclude, context);
        List<SyntaxThresholds.Scope> scopes = SyntaxThresholds.resolve(config.thresholds(), workspaceFiles);
        SyntaxTally tally = new SyntaxTally();
        ScriptChecks scripts;
        try {
            scripts = ScriptChecks.prepare(context, config, files, tally);
        } catch (ConfigException e) {
            PoolStart.discard(early);
            throw e;
        }
        PythonPool pool = null;
        if (early != null) {
            if (files.pythonInScope().isEmpty()) {
                early.discard();
            } else {
                pool = early.get();
            }
        }
        JavaParsers java = new JavaParsers(context, config);
        try {
            return check(context, config, languages, files, scopes, java, scripts, pool, tally);
        } finally {
            if (pool != null) {
                pool.close();
            }
            java.close();
        }
    }

    private GateOutcome check(GateContext context, SyntaxConfig config, Set<SyntaxConfig.Language> languages,
                              FileSelection files, List<SyntaxThresholds.Scope> scopes, JavaParsers java,
                              ScriptChecks scripts, PythonPool pool, SyntaxTally tally)
            throws GateException, InterruptedException {
        long maxSize = config.maxFileSizeBytes();
        Map<String, Object> details = new LinkedHashMap<>();
        String salt = FileChecks.salt(config, scripts, pool, details);
        Optional<RunMemo> memo = RunMemo.of(context, config, salt, files);
        Optional<GateOutcome> reused = memo.isPresent() ? memo.get().reuse(files, pool, maxSize) : Optional.empty();
        if (reused.isPresent()) {
            // nothing the run reads changed, or only clean modules that still compile: the per-file cache is
            // neither read nor rewritten
            return reused.get();
        }
        Optional<ContentCache> cache = context.cache(name(), salt);
        // javac (or JavaParser) only now: a reused run never loads it
        JavaSyntax javaSyntax = files.selected(SyntaxConfig.Language.JAVA).isEmpty() ? null : java.open(details);
        context.progress().start("syntax", files.selectedCount());

        FileChecks.python(context, config, files.selected(SyntaxConfig.Language.PYTHON), maxSize, pool, cache, tally);
        FileChecks.others(context, files.selected(), maxSize, javaSyntax, Glob.all(config.jsoncGlobs()), cache, tally);
        scripts.check(context, config, files.selected(), maxSize, cache, tally, details);
        context.progress().finish();

        for (SourceFile f : files.notSelected()) {
            cache.ifPresent(c -> c.carryOver(f.path()));
        }
        if (pool != null) {
            tally.workerRestarts = pool.restarts();
        }
        ParseRates rates = ParseRates.measure(scopes, config, files.pythonInScope(), tally, context, cache, details);
        List<Threshold> thresholds = new ArrayList<>(rates.thresholds());
        if (!files.notSelected().isEmpty()) {
            details.put("notSelectedFiles", files.notSelected().size());
        }
        CollectionReport collection = languages.contains(SyntaxConfig.Language.PYTHON) && config.testCollection().isEnabled()
                ? CollectionStep.collect(context, config, files, cache, tally, thresholds, details) : null;
        GateOutcome outcome = SyntaxSummary.outcome(tally, thresholds, rates.rows(), details, files.selected());
        outcome = Fingerprints.of(collection == null ? outcome : CollectionStep.addTo(outcome, collection), context.root());
        FileChecks.save(cache, details); // a failure is a detail of this outcome (details is its map)
        if (memo.isPresent() && tally.uncached == 0 && !details.containsKey("cache.error")) {
            // after the per-file cache: a memo never outlives the entries it stands for
            memo.get().store(outcome, collection == null ? Set.of() : collection.scanned());
        }
        return outcome;
    }

    /** The Java parser of a run, made when the first Java file needs it and closed with the run. */
    private static final class JavaParsers implements AutoCloseable {
        private final GateContext context;
        private final SyntaxConfig config;
        private JavaSyntax parser;

        JavaParsers(GateContext context, SyntaxConfig config) {
            this.context = context;
            this.config = config;
        }

        JavaSyntax open(Map<String, Object> details) {
            if (parser == null) {
                try {
                    parser = JavaSyntax.create(config.java());
                } catch (IllegalArgumentException | IllegalStateException e) {
                    throw new ConfigException(context.config().where("/syntax/java") + ": " + e.getMessage(), e);
                }
                details.put("java.parser", parser.name());
            }
            return parser;
        }

        @Override
        public void close() {
            if (parser != null) {
                parser.close();
            }
        }
    }

    /** Rebuilds the summary and the tables from the joined totals, as one unsharded run would write them. */
    @Override
    public GateResult afterMerge(GateResult merged, List<GateResult> shards) {
        return SyntaxSummary.afterMerge(merged, shards);
    }
}
