package io.github.recoverygates.syntax;

import io.github.recoverygates.core.ContentKeys;
import io.github.recoverygates.core.GateContext;
import io.github.recoverygates.core.GateOutcome;
import io.github.recoverygates.core.MemoBytes;
import io.github.recoverygates.core.RunMemos;
import io.github.recoverygates.core.SourceFile;
import io.github.recoverygates.core.Workspace;
import io.github.recoverygates.syntax.collection.TestCollection;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The whole-run memo of the syntax gate: the outcome of a run (findings with their fingerprints)
 * kept in {@code <cache>/syntax.run} (see {@link RunMemos}) under a digest of everything the run reads, so a run with nothing
 * changed skips the file checks, test collection and fingerprints. The digest covers: the cache salt
 * (interpreter implementation, version and executable as the running interpreter reports them,
 * javac, TypeScript, size limit), the JDK, the gate's config and the config file's bytes, every
 * listed path with its size and content key (so an added, deleted or changed file, tracked or not,
 * is a miss), and whether each pytest config file name that test collection looks for but the listing
 * does not hold exists on disk. Only whole runs (no shard, no {@code --changed-from}) whose every
 * file result was cacheable are kept; a memo in another shape is a miss, never an error. A reuse
 * reads only the memo file, not the per-file cache.
 */
final class RunMemo {

    /** Bump when what a run reads changes, so an older memo is never taken for this one's. */
    private static final String VERSION = "syntax-run 3";
    private static final String GATE = "syntax";
    /** The metric a reused outcome carries (1); a run that did the work has none. */
    static final String REUSED = "cache.run";

    private final GateContext context;
    private final byte[] key;

    private RunMemo(GateContext context, byte[] key) {
        this.context = context;
        this.key = key;
    }

    /** The memo of this run, or empty without {@code --cache}, for a partial run or when something it reads has no key. */
    static Optional<RunMemo> of(GateContext context, SyntaxConfig config, String salt, FileSelection files) {
        if (context.cacheDir() == null || context.partial()) {
            return Optional.empty();
        }
        byte[] key = key(context, config, salt, files.workspace());
        return key == null ? Optional.empty() : Optional.of(new RunMemo(context, key));
    }

    /** The outcome a run with the same key gave, with this run's cache counters and {@link #REUSED}. */
    Optional<GateOutcome> reuse(FileSelection files) {
        return RunMemos.read(context.cacheDir(), GATE, context.notices()::add).filter(m -> m.matches(key)).flatMap(m -> {
            try {
                return Optional.of(reused(m.payload().outcome(), files));
            } catch (RuntimeException e) {
                return Optional.empty(); // a memo in another shape: run again
            }
        });
    }

    private static GateOutcome reused(GateOutcome outcome, FileSelection files) {
        Map<String, Number> metrics = new TreeMap<>(outcome.metrics());
        long tooLarge = metrics.getOrDefault("skipped.too-large", 0L).longValue();
        long skipped = metrics.getOrDefault("skipped.no-typescript", 0L).longValue();
        metrics.put("cache.hits", files.selectedCount() - tooLarge - skipped);
        metrics.put("compiled.python", 0L);
        metrics.put("worker.restarts", 0);
        metrics.put(REUSED, 1);
        return new GateOutcome(outcome.summary(), metrics, outcome.thresholds(),
                outcome.findings(), outcome.sections(), outcome.details(), outcome.minimumVerdict());
    }

    /** Keeps {@code outcome} for the next run with the same key; one that cannot be kept costs the next run time only. */
    void store(GateOutcome outcome) {
        try {
            RunMemos.write(context.cacheDir(), GATE, key, new MemoBytes.Out().outcome(outcome));
        } catch (IOException | RuntimeException e) {
            // a value the memo cannot hold, or a cache that cannot be written: no memo this time
        }
    }

    private static byte[] key(GateContext context, SyntaxConfig config, String salt, List<SourceFile> listed) {
        try {
            RunMemos.Key key = new RunMemos.Key().text(VERSION).text(salt)
                    .text(System.getProperty("java.vendor") + " " + System.getProperty("java.version"))
                    .value(config).configFile(context);
            Workspace workspace = context.workspace();
            ContentKeys keys = workspace.contentKeys(context.environment());
            for (SourceFile f : listed) {
                byte[] k = keys.key(f);
                if (k == null) {
                    return null; // unreadable: its result is not cached either
                }
                key.text(f.path()).number(f.size()).bytes(k);
            }
            // Test collection also reads pytest config files the listing leaves out. The walk lists every
            // regular file of the directories it enters that no exclude matches, so only an excluded
            // name, or one the walk could not list (a link out of the root, say), can be such a file.
            Set<String> problems = new HashSet<>();
            workspace.problems().forEach(p -> problems.add(p.file()));
            for (String dir : pythonDirectories(listed)) {
                for (String name : TestCollection.CONFIG_FILE_NAMES) {
                    String path = dir.isEmpty() ? name : dir + "/" + name;
                    if ((workspace.excludedInListedDirectory(path) || problems.contains(path))
                            && Files.exists(context.root().resolve(path))) {
                        byte[] k = ContentKeys.hash(context.root().resolve(path));
                        key.text("unlisted " + path);
                        if (k == null) {
                            key.text("unreadable");
                        } else {
                            key.bytes(k);
                        }
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
