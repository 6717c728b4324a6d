package io.github.recoverygates.ssot;

import io.github.recoverygates.core.ParameterType;
import io.github.recoverygates.core.Metric;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.recoverygates.core.BackupCopies;
import io.github.recoverygates.core.ContentCache;
import io.github.recoverygates.core.Fingerprints;
import io.github.recoverygates.core.Gate;
import io.github.recoverygates.core.GateDescription;
import io.github.recoverygates.core.GateContext;
import io.github.recoverygates.core.GateException;
import io.github.recoverygates.core.GateOutcome;
import io.github.recoverygates.core.Glob;
import io.github.recoverygates.core.Unit;
import io.github.recoverygates.core.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * ssotGate: one source of truth, enforced over Python, Java and JavaScript/TypeScript sources.
 * Every file is read and tokenised once, in parallel, and its facts (imports, definitions, watched
 * words, fake-success patterns) are cached by content; the six rules then work on those facts.
 */
public final class SsotGate implements Gate {

    private static final GateDescription DESCRIPTION = describe(GateDescription.of("ssot", "ssot")
            .description("One source of truth: duplicate definitions, import boundaries, env-var aliases, deprecated "
                    + "symbols, missing modules and fake success in Python, Java and JS/TS.")
            .order(3)
            .config(SsotConfig.class)
            .parameter("threshold", "ssot.threshold", ParameterType.NUMBER,
                    "Minimum compliance in percent (files without a high or critical violation).")
            .parameter("criticalThreshold", "ssot.criticalThreshold", ParameterType.INTEGER,
                    "Most critical violations allowed.")
            .parameter("missingModules", "ssot.missingModules", ParameterType.BOOLEAN,
                    "Whether imports of in-repository modules that resolve to no file are reported (default: true).")
            .keyMetrics(Metric.count("files.scanned", "files scanned"), new Metric("compliance", "compliance", Unit.PERCENT),
                    Metric.count("violations.critical", "critical violations"),
                    Metric.count("violations.high", "high violations"))
            .trend("compliance"));

    private static final String CACHE_VERSION = "ssot-2";


    @Override
    public GateDescription describe() {
        return DESCRIPTION;
    }

    private static GateDescription describe(GateDescription.Builder builder) {
        rules(true).forEach(r -> builder.rule("ssot/" + r.id(), r.description()));
        return builder.build();
    }

    @Override
    public void validate(io.github.recoverygates.core.Config config) {
        config.section(configKey(), SsotConfig.class).validate(config);
    }

    /** The six rules, in report order; only the first shard reports canonical definitions that name no file. */
    static List<Rule> rules(boolean firstShard) {
        return List.of(new DuplicateRule(firstShard), new BoundaryRule(), new EnvAliasRule(), new DeprecatedRule(),
                new MissingModuleRule(), new FakeSuccessRule());
    }

    @Override
    public GateOutcome run(GateContext context) throws GateException, InterruptedException {
        if (context.workspace() != null) {
            context.workspace().prefetch(); // the tree is walked while the config is read
        }
        SsotConfig config = context.config().section(configKey(), SsotConfig.class);
        config.validate(context.config());
        ScanSpec spec = ScanSpec.of(config);
        BackupCopies backups = new BackupCopies(context.root());
        Optional<SsotRunMemo.Stored> memo = Optional.empty();
        if (context.cacheDir() != null) {
            memo = SsotRunMemo.read(context, backups); // before the walk: it may start listing backups beside it
            context.workspace().contentKeys(context.environment()).prefetch(); // git's index while the tree is walked
        }
        RunFiles files = RunFiles.of(context, config, ownConfigPath(context));
        SourceRoots roots = SourceRoots.of(config.sourceRoots());
        String salt = CACHE_VERSION + "|" + spec.fingerprint() + "|" + config.fakeSuccess().criticalScopes() + "|"
                + config.maxFileBytes();
        byte[] runKey = context.cacheDir() != null ? SsotRunMemo.runKey(context, config, salt, files) : null;
        List<String> paths = files.paths();
        if (memo.isPresent()) {
            GateOutcome reused = SsotRunMemo.reuse(memo.get(), runKey, context.root(),
                    new ModuleWhereabouts(paths, roots, backups), files.toScan().size());
            if (reused != null) {
                return reused; // nothing the run reads changed: the cache stays as it is
            }
        }
        Optional<ContentCache> cache = context.cache(name(), salt);
        ModuleResolver resolver = new ModuleResolver(context.root(), paths, emptyFiles(files.all()), roots);
        ModuleWhereabouts whereabouts = new ModuleWhereabouts(paths, roots, backups);
        AtomicInteger hits = new AtomicInteger();
        Map<String, FileFacts> facts = scanAll(context, files.toScan(), spec,
                Glob.all(config.fakeSuccess().criticalScopes()), config.maxFileBytes(), cache, hits);
        Set<String> selected = files.selected();
        ScanIndex index = new ScanIndex(new TreeMap<>(facts), selected, resolve(selected, facts, resolver), whereabouts);
        List<Violation> violations = new ArrayList<>();
        for (Rule rule : rules(context.shard().index() == 1)) {
            violations.addAll(rule.check(config, index));
        }
        // fingerprinted before it is memoised: a reused outcome then reads no file for them
        GateOutcome outcome = Fingerprints.of(SsotOutcome.of(config, index, violations, hits.get(), context.partial()),
                context.root());
        cache.ifPresent(c -> SsotRunMemo.remember(context, c, files.all(), facts, runKey, outcome, resolver, whereabouts));
        return outcome;
    }

    private static Set<String> emptyFiles(List<SourceFile> all) {
        Set<String> emptyFiles = new HashSet<>();
        for (SourceFile f : all) {
            if (f.size() == 0) {
                emptyFiles.add(f.path());
            }
        }
        return emptyFiles;
    }

    /** Where each import of a selected file leads, in the order of its imports. */
    private static Map<String, List<ModuleResolver.Resolution>> resolve(Set<String> selected,
                                                                        Map<String, FileFacts> facts,
                                                                        ModuleResolver resolver) {
        Map<String, List<ModuleResolver.Resolution>> resolutions = new HashMap<>();
        for (String path : selected) {
            FileFacts f = facts.get(path);
            if (f == null || f.imports().isEmpty()) {
                continue;
            }
            List<ModuleResolver.Resolution> list = new ArrayList<>(f.imports().size());
            for (FileFacts.Import imp : f.imports()) {
                list.add(switch (f.language()) {
                    case "python" -> resolver.python(path, imp);
                    case "javascript", "typescript" -> resolver.javascript(path, imp.module());
                    default -> new ModuleResolver.Resolution(List.of(imp.module()), false, null);
                });
            }
            resolutions.put(path, list);
        }
        return resolutions;
    }

    /** The gate's own config file names every alias it forbids; it is not a use of them. */
    private static String ownConfigPath(GateContext context) {
        try {
            java.nio.file.Path source = java.nio.file.Path.of(context.config().source()).toAbsolutePath().normalize();
            java.nio.file.Path root = context.root().toAbsolutePath().normalize();
            return source.startsWith(root) ? context.workspace().relativize(source) : null;
        } catch (RuntimeException e) {
            return null; // "built-in defaults" or an odd name: nothing to skip
        }
    }

    private Map<String, FileFacts> scanAll(GateContext context, List<SourceFile> files, ScanSpec spec,
                                           List<Glob> criticalScopes, long maxBytes, Optional<ContentCache> cache,
                                           AtomicInteger hits) throws GateException, InterruptedException {
        Map<String, FileFacts> out = new ConcurrentHashMap<>(files.size() * 2);
        context.progress().start("ssot: scanning", files.size());
        ForkJoinPool pool = new ForkJoinPool(Math.max(1, context.workers()));
        try {
            pool.submit(() -> files.parallelStream().forEach(f -> {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                out.put(f.path(), factsOf(f, spec, criticalScopes, maxBytes, cache, hits));
                context.progress().advance(1);
            })).get();
        } catch (ExecutionException e) {
            throw new GateException("ssot scan failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
            context.progress().finish();
        }
        return out;
    }

    private static FileFacts factsOf(SourceFile f, ScanSpec spec, List<Glob> criticalScopes, long maxBytes,
                                     Optional<ContentCache> cache, AtomicInteger hits) {
        String language = FileKinds.language(f.path());
        if (f.size() > maxBytes) {
            return new FileFacts(language, "skipped: " + f.size() + " bytes is over maxFileBytes", null,
                    null, null, null, null);
        }
        if (cache.isPresent()) {
            Optional<JsonNode> cached = cache.get().lookup(f);
            if (cached.isPresent()) {
                try {
                    FileFacts facts = FactsCodec.decode(cached.get());
                    if (facts != null) {
                        hits.incrementAndGet();
                        return facts;
                    }
                } catch (RuntimeException e) {
                    // an entry in another shape is rescanned
                }
            }
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(f.absolute());
        } catch (IOException e) {
            return new FileFacts(language, "unreadable: " + e.getMessage(), null, null, null, null, null);
        }
        String text = new String(bytes, StandardCharsets.UTF_8); // malformed bytes become U+FFFD, never fatal
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        FileFacts facts;
        try {
            facts = switch (language) {
                case "python" -> PythonScanner.scan(text, spec, Glob.any(criticalScopes, f.path()), FileKinds.isTest(f.path()));
                case "java" -> CLikeScanner.java(text, spec);
                case "javascript" -> CLikeScanner.javascript(text, spec, false);
                case "typescript" -> CLikeScanner.javascript(text, spec, true);
                default -> ConfigFileScanner.scan(text, spec);
            };
        } catch (RuntimeException | StackOverflowError e) {
            // one file the scanner cannot read must not cost the whole run; it is counted as unreadable
            return new FileFacts(language, "unreadable: scanner failed: " + e, null, null, null, null, null);
        }
        if (language.equals("python") && facts.parseError() == null) {
            String problem = pythonEncodingProblem(bytes, text);
            if (problem != null) {
                facts = new FileFacts(facts.language(), problem, facts.packageName(), facts.imports(),
                        facts.definitions(), facts.words(), facts.fakes());
            }
        }
        FileFacts result = facts;
        cache.ifPresent(c -> c.put(f, FactsCodec.encode(result)));
        return result;
    }

    /** What CPython would refuse before tokenising: NUL bytes, or bytes that are not UTF-8 without a coding cookie. */
    static String pythonEncodingProblem(byte[] bytes, String decoded) {
        for (byte b : bytes) {
            if (b == 0) {
                return "source code cannot contain null bytes";
            }
        }
        if (decoded.indexOf('\uFFFD') < 0) {
            return null;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
            return null; // a real U+FFFD in the text
        } catch (java.nio.charset.CharacterCodingException e) {
            String head = decoded.lines().limit(2).reduce("", (a, b) -> a + "\n" + b);
            return head.matches("(?s).*coding[:=]\\s*[-\\w.]+.*") ? null : "not valid UTF-8 and no coding cookie";
        }
    }

}
