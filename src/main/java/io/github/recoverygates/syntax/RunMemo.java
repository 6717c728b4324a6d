package io.github.recoverygates.syntax;

import io.github.recoverygates.core.ContentKeys;
import io.github.recoverygates.core.GateContext;
import io.github.recoverygates.core.GateException;
import io.github.recoverygates.core.GateOutcome;
import io.github.recoverygates.core.MemoBytes;
import io.github.recoverygates.core.RunMemos;
import io.github.recoverygates.core.SourceFile;
import io.github.recoverygates.core.Workspace;
import io.github.recoverygates.syntax.collection.TestCollection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
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
 * kept in {@code <cache>/syntax.run} (see {@link RunMemos}) under a digest of everything the run reads, so a run with nothing
 * changed skips the file checks, test collection and fingerprints. The digest covers: the cache salt
 * (interpreter implementation, version and executable as the running interpreter reports them,
 * javac, TypeScript, size limit), the JDK, the gate's config and the config file's bytes, every
 * listed path with its size and content key (so an added, deleted or changed file, tracked or not,
 * is a miss), and whether each pytest config file name that test collection looks for but the listing
 * does not hold exists on disk. Only whole runs (no shard, no {@code --changed-from}) whose every
 * file result was cacheable are kept; a memo in another shape is a miss, never an error. A reuse
 * reads only the memo file, not the per-file cache.
 *
 * <p>The memo also keeps the listing it was made for and the test files whose text collection read,
 * so a run in which only a few Python files changed can still reuse it: when every changed file had no
 * finding, is no test file collection read, and still compiles, nothing the outcome says depends on
 * what changed (a clean file counts by its verdict alone: the parse rates, and test collection for a
 * {@code conftest.py} or package {@code __init__.py}). Those files are compiled, nothing else is read,
 * and the memo is kept for the new listing. Anything else (an added or deleted file, a changed file
 * with findings, one that no longer compiles, a test file, more than {@link #MAX_CHANGED} files) runs
 * the gate.
 */
final class RunMemo {

    /** Bump when what a run reads changes, so an older memo is never taken for this one's. */
    private static final String VERSION = "syntax-run 4";
    private static final String GATE = "syntax";
    /** The metric a reused outcome carries (1); a run that did the work has none. */
    static final String REUSED = "cache.run";
    /** The metric of an outcome reused around changed files: how many were compiled. */
    static final String REUSED_AROUND = "cache.run.changed";
    /** More changed files than this run the gate (each is compiled before the memo can be reused). */
    static final int MAX_CHANGED = 32;

    /** A listed file in {@link Listing#entries}: its size and content key. */
    private static final int ENTRY = Long.BYTES + ContentKeys.LENGTH;

    private final GateContext context;
    private final byte[] key;
    private final Listing listing;
    private final List<SourceFile> listed;

    /**
     * What a memo is for: the digest of everything the run reads but the listed files ({@code setting}),
     * the digest of the listed paths in order, and each listed file's size and content key, {@link #ENTRY}
     * bytes each in the same order.
     */
    private record Listing(byte[] setting, byte[] paths, byte[] entries) {
        byte[] key() {
            return new RunMemos.Key().bytes(setting).bytes(paths).bytes(entries).digest();
        }
    }

    private RunMemo(GateContext context, Listing listing, List<SourceFile> listed) {
        this.context = context;
        this.listing = listing;
        this.key = listing.key();
        this.listed = listed;
    }

    /** The memo of this run, or empty without {@code --cache}, for a partial run or when something it reads has no key. */
    static Optional<RunMemo> of(GateContext context, SyntaxConfig config, String salt, FileSelection files) {
        if (context.cacheDir() == null || context.partial()) {
            return Optional.empty();
        }
        try {
            List<SourceFile> listed = files.workspace();
            ContentKeys contentKeys = context.workspace().contentKeys(context.environment());
            RunMemos.Key paths = new RunMemos.Key();
            ByteBuffer entries = ByteBuffer.allocate(listed.size() * ENTRY);
            for (SourceFile f : listed) {
                byte[] k = contentKeys.key(f);
                if (k == null) {
                    return Optional.empty(); // unreadable: its result is not cached either
                }
                paths.text(f.path());
                entries.putLong(f.size()).put(k);
            }
            Listing listing = new Listing(setting(context, config, salt, listed), paths.digest(), entries.array());
            return Optional.of(new RunMemo(context, listing, listed));
        } catch (RuntimeException e) {
            return Optional.empty(); // no whole-run reuse; the per-file caches still work
        }
    }

    /**
     * The outcome a run with the same key gave, with this run's cache counters and {@link #REUSED}; else
     * the outcome of a run that differs only in a few clean Python files, once {@code pool} compiled them.
     */
    Optional<GateOutcome> reuse(FileSelection files, PythonPool pool, long maxSize)
            throws GateException, InterruptedException {
        Optional<RunMemos.Memo> memo = RunMemos.read(context.cacheDir(), GATE, context.notices()::add);
        if (memo.isEmpty()) {
            return Optional.empty();
        }
        Stored stored;
        try {
            MemoBytes.In payload = memo.get().payload();
            byte[] bytes = payload.bytes();
            GateOutcome outcome = new MemoBytes.In(ByteBuffer.wrap(bytes)).outcome();
            if (memo.get().matches(key)) {
                return Optional.of(reused(outcome, files, List.of()));
            }
            stored = Stored.read(bytes, outcome, payload);
        } catch (RuntimeException e) {
            return Optional.empty(); // a memo in another shape: run again
        }
        List<SourceFile> changed = changedCleanModules(stored, files, maxSize);
        if (changed == null || pool == null || !stillCompile(changed, pool)) {
            return Optional.empty();
        }
        store(stored.bytes(), stored.scanned()); // the same outcome, for this listing
        return Optional.of(reused(stored.outcome(), files, changed));
    }

    /**
     * What a memo file holds: the outcome (its bytes too, to keep it as it is), the listing it was made
     * for and the test files collection read.
     */
    private record Stored(byte[] bytes, GateOutcome outcome, Listing listing, Set<String> scanned) {
        static Stored read(byte[] bytes, GateOutcome outcome, MemoBytes.In in) {
            Listing listing = new Listing(in.bytes(), in.bytes(), in.bytes());
            Set<String> scanned = new HashSet<>();
            for (int i = in.count(); i > 0; i--) {
                scanned.add(in.string());
            }
            return new Stored(bytes, outcome, listing, scanned);
        }
    }

    /**
     * The files that changed since the memo, when the memo can stand around them: the same setting and
     * paths, at most {@link #MAX_CHANGED} changed files, each a selected Python file under the size limit
     * that had no finding and whose text test collection did not read; else null.
     */
    private List<SourceFile> changedCleanModules(Stored stored, FileSelection files, long maxSize) {
        Listing before = stored.listing();
        if (!MessageDigest.isEqual(before.setting(), listing.setting())
                || !MessageDigest.isEqual(before.paths(), listing.paths())
                || before.entries().length != listing.entries().length) {
            return null;
        }
        List<SourceFile> changed = new ArrayList<>();
        byte[] a = before.entries();
        byte[] b = listing.entries();
        for (int at = Arrays.mismatch(a, b); at >= 0; ) {
            int entry = at / ENTRY;
            changed.add(listed.get(entry));
            if (changed.size() > MAX_CHANGED) {
                return null;
            }
            int next = (entry + 1) * ENTRY;
            int more = Arrays.mismatch(a, next, a.length, b, next, b.length);
            at = more < 0 ? -1 : next + more;
        }
        Set<String> python = new HashSet<>();
        files.selected(SyntaxConfig.Language.PYTHON).forEach(f -> python.add(f.path()));
        Set<String> withFindings = new HashSet<>();
        stored.outcome().findings().forEach(f -> withFindings.add(f.file()));
        for (SourceFile f : changed) {
            if (!python.contains(f.path()) || f.size() > maxSize || withFindings.contains(f.path())
                    || stored.scanned().contains(f.path())) {
                return null;
            }
        }
        return changed;
    }

    /** Whether every file still compiles, and was not changed again while it was read. */
    private boolean stillCompile(List<SourceFile> changed, PythonPool pool) throws GateException, InterruptedException {
        ContentKeys contentKeys = context.workspace().contentKeys(context.environment());
        HexFormat hex = HexFormat.of();
        boolean[] clean = {true};
        pool.compile(changed, true, (f, r) -> {
            byte[] k = contentKeys.key(f);
            boolean same = r.contentKey() != null && k != null && hex.formatHex(k).equalsIgnoreCase(r.contentKey());
            if (!r.ok() || !same) {
                synchronized (clean) {
                    clean[0] = false;
                }
            }
        });
        synchronized (clean) {
            return clean[0];
        }
    }

    private static GateOutcome reused(GateOutcome outcome, FileSelection files, List<SourceFile> compiled) {
        Map<String, Number> metrics = new TreeMap<>(outcome.metrics());
        long tooLarge = metrics.getOrDefault("skipped.too-large", 0L).longValue();
        long skipped = metrics.getOrDefault("skipped.no-typescript", 0L).longValue();
        metrics.put("cache.hits", files.selectedCount() - tooLarge - skipped - compiled.size());
        metrics.put("compiled.python", (long) compiled.size());
        metrics.put("worker.restarts", 0);
        metrics.put(REUSED, 1);
        if (!compiled.isEmpty()) {
            metrics.put(REUSED_AROUND, compiled.size());
        }
        return new GateOutcome(outcome.summary(), metrics, outcome.thresholds(),
                outcome.findings(), outcome.sections(), outcome.details(), outcome.minimumVerdict());
    }

    /**
     * Keeps {@code outcome} for the next run with the same key, with the listing and the test files
     * collection read ({@code scanned}); one that cannot be kept costs the next run time only.
     */
    void store(GateOutcome outcome, Set<String> scanned) {
        try {
            store(new MemoBytes.Out().outcome(outcome).toByteArray(), scanned);
        } catch (RuntimeException e) {
            // a value the memo cannot hold: no memo this time
        }
    }

    private void store(byte[] outcome, Set<String> scanned) {
        try {
            MemoBytes.Out out = new MemoBytes.Out().bytes(outcome)
                    .bytes(listing.setting()).bytes(listing.paths()).bytes(listing.entries()).integer(scanned.size());
            for (String path : new TreeSet<>(scanned)) {
                out.string(path);
            }
            RunMemos.write(context.cacheDir(), GATE, key, out);
        } catch (IOException | RuntimeException e) {
            // a cache that cannot be written: no memo this time
        }
    }

    /** The digest of everything the run reads but the listed files' paths, sizes and content keys. */
    private static byte[] setting(GateContext context, SyntaxConfig config, String salt, List<SourceFile> listed) {
        RunMemos.Key key = new RunMemos.Key().text(VERSION).text(salt)
                .text(System.getProperty("java.vendor") + " " + System.getProperty("java.version"))
                .value(config).configFile(context);
        Workspace workspace = context.workspace();
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
