package io.github.recoverygates.syntax;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.recoverygates.core.ContentCache;
import io.github.recoverygates.core.ContentKeys;
import io.github.recoverygates.core.GateContext;
import io.github.recoverygates.core.GateOutcome;
import io.github.recoverygates.core.Json;
import io.github.recoverygates.core.SourceFile;
import io.github.recoverygates.syntax.collection.TestCollection;
import io.github.recoverygates.core.RunKey;
import io.github.recoverygates.core.Workspace;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The whole-run memo of the syntax gate: the outcome of a run (findings with their fingerprints)
 * kept in the gate's cache under a digest of everything the run reads, so a run with nothing
 * changed skips the file checks, test collection and fingerprints. The digest covers: the cache salt
 * (interpreter implementation, version and executable as the running interpreter reports them,
 * javac, TypeScript, size limit), the JDK, the gate's config and the config file's bytes, every
 * listed path with its size and content key (so an added, deleted or changed file, tracked or not,
 * is a miss), and whether each pytest config file name that test collection looks for but the listing
 * does not hold exists on disk. Only whole runs (no shard, no {@code --changed-from}) whose every
 * file result was cacheable are kept; a memo in another shape is a miss, never an error.
 */
final class RunMemo {

    /** Bump when what a run reads changes, so an older memo is never taken for this one's. */
    private static final String VERSION = "syntax-run 2";
    private static final String NAME = "syntax";
    /** The metric a reused outcome carries (1); a run that did the work has none. */
    static final String REUSED = "cache.run";

    private final ContentCache cache;
    private final byte[] key;

    private RunMemo(ContentCache cache, byte[] key) {
        this.cache = cache;
        this.key = key;
    }

    /** The memo of this run, or empty when the run is partial or something it reads has no key. */
    static Optional<RunMemo> of(GateContext context, SyntaxConfig config, String salt, FileSelection files,
                                Optional<ContentCache> cache) {
        if (cache.isEmpty() || context.partial()) {
            return Optional.empty();
        }
        byte[] key = key(context, config, salt, files.workspace());
        return key == null ? Optional.empty() : Optional.of(new RunMemo(cache.get(), key));
    }

    /** What a memo holds: the outcome, and the Java type of each metric (JSON keeps only the number). */
    private record Stored(GateOutcome outcome, Map<String, String> types) {
    }

    /** The outcome a run with the same key gave, with this run's cache counters and {@link #REUSED}. */
    Optional<GateOutcome> reuse(FileSelection files) {
        try {
            return cache.lookupRun(NAME, key, Stored.class).filter(s -> s.outcome() != null && s.types() != null)
                    .map(stored -> reused(stored, files));
        } catch (RuntimeException e) {
            return Optional.empty(); // a memo in another shape: run again
        }
    }

    private static GateOutcome reused(Stored stored, FileSelection files) {
        GateOutcome outcome = stored.outcome();
        Map<String, Number> metrics = new TreeMap<>();
        outcome.metrics().forEach((k, v) -> metrics.put(k, typed(v, stored.types().getOrDefault(k, ""))));
        long tooLarge = metrics.getOrDefault("skipped.too-large", 0L).longValue();
        long skipped = metrics.getOrDefault("skipped.no-typescript", 0L).longValue();
        metrics.put("cache.hits", files.selectedCount() - tooLarge - skipped);
        metrics.put("compiled.python", 0L);
        metrics.put("worker.restarts", 0);
        metrics.put(REUSED, 1);
        return new GateOutcome(outcome.summary(), metrics, outcome.thresholds(),
                outcome.findings(), outcome.sections(), outcome.details(), outcome.minimumVerdict());
    }

    /** JSON gives back the smallest type that holds a number: the metric as the run counted it. */
    private static Number typed(Number value, String type) {
        return switch (type) {
            case "Integer" -> value.intValue();
            case "Long" -> value.longValue();
            case "Double" -> value.doubleValue();
            default -> value;
        };
    }

    /** Keeps {@code outcome} for the next run with the same key (the caller saves the cache). */
    void store(GateOutcome outcome) {
        ObjectNode node = Json.REPORT.createObjectNode();
        node.set("outcome", Json.REPORT.valueToTree(outcome));
        ObjectNode types = node.putObject("types");
        outcome.metrics().forEach((k, v) -> types.put(k, v.getClass().getSimpleName()));
        cache.putRun(NAME, key, node);
    }

    private static byte[] key(GateContext context, SyntaxConfig config, String salt, List<SourceFile> listed) {
        try {
            RunKey key = RunKey.of(VERSION).text(salt)
                    .text(System.getProperty("java.vendor") + " " + System.getProperty("java.version"))
                    .config(context, config);
            Workspace workspace = context.workspace();
            if (!key.listing(listed, f -> true, workspace.contentKeys(context.environment()))) {
                return null; // unreadable: its result is not cached either
            }
            // Test collection also reads pytest config files the listing leaves out. The walk lists every
            // regular file of the directories it enters that no exclude matches, so only an excluded
            // name, or one the walk could not list (a link out of the root, say), can be such a file.
            Set<String> problems = new HashSet<>();
            workspace.problems().forEach(p -> problems.add(p.file()));
            for (String dir : pythonDirectories(listed)) {
                for (String name : TestCollection.CONFIG_FILE_NAMES) {
                    String path = dir.isEmpty() ? name : dir + "/" + name;
                    if ((workspace.excluded(path) || problems.contains(path)) && Files.exists(context.root().resolve(path))) {
                        byte[] k = ContentKeys.hash(context.root().resolve(path));
                        key.text("unlisted " + path).text(k == null ? "unreadable" : HexFormat.of().formatHex(k));
                    }
                }
            }
            return key.digest();
        } catch (RuntimeException e) {
            return null; // no whole-run reuse; the per-file caches still work
        }
    }

    /** The root ("") and every directory that holds a listed Python file or one below it, sorted. */
    private static SortedSet<String> pythonDirectories(List<SourceFile> listed) {
        SortedSet<String> dirs = new TreeSet<>();
        dirs.add("");
        for (SourceFile f : listed) {
            if (f.path().endsWith(".py")) {
                for (int slash = f.path().lastIndexOf('/'); slash > 0; slash = f.path().lastIndexOf('/', slash - 1)) {
                    if (!dirs.add(f.path().substring(0, slash))) {
                        break;
                    }
                }
            }
        }
        return dirs;
    }
}
