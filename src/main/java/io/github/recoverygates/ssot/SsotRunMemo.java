package io.github.recoverygates.ssot;

import io.github.recoverygates.core.BackupCopies;
import io.github.recoverygates.core.ContentCache;
import io.github.recoverygates.core.ContentKeys;
import io.github.recoverygates.core.GateContext;
import io.github.recoverygates.core.GateOutcome;
import io.github.recoverygates.core.MemoBytes;
import io.github.recoverygates.core.RunMemos;
import io.github.recoverygates.core.SourceFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The whole-run memo of the ssot gate ({@code <cache>/ssot.run}, see {@link RunMemos}): the key of
 * everything a run reads, the outcome reused when nothing of it changed and the disk still answers
 * as before, and what is kept for the next run. A reuse reads only the memo file: not the per-file
 * cache, and no resolver or module index is built.
 */
final class SsotRunMemo {

    /** Bump when what a run reads changes, so an older memo is never taken for this one's. */
    private static final String VERSION = "ssot-run 2";
    private static final String GATE = "ssot";

    /**
     * The last run's memo, read up to its outcome: the questions that run asked the disk beyond the
     * listing ("f:path" / "d:path" → the answer) and where its missing modules went (path → answer).
     */
    record Stored(RunMemos.Memo memo, Map<String, Boolean> disk, Map<String, String> hints) {
    }

    private SsotRunMemo() {
    }

    /**
     * The memo the last run left in the cache directory, if any; when it asked where missing modules
     * went, {@code backups} starts listing the root's backup copies on a thread of its own, so that
     * the second walk of the tree that takes overlaps the workspace's.
     */
    static Optional<Stored> read(GateContext context, BackupCopies backups) {
        return RunMemos.read(context.cacheDir(), GATE, context.notices()::add).flatMap(memo -> {
            try {
                MemoBytes.In in = memo.payload();
                Map<String, Boolean> disk = new LinkedHashMap<>();
                for (int n = in.count(); n > 0; n--) {
                    disk.put(in.string(), in.flag());
                }
                Map<String, String> hints = new LinkedHashMap<>();
                for (int n = in.count(); n > 0; n--) {
                    hints.put(in.string(), in.string());
                }
                if (!hints.isEmpty()) {
                    String first = hints.keySet().iterator().next();
                    Thread t = new Thread(() -> backups.of(first + ".py"), "ssot-backups");
                    t.setDaemon(true);
                    t.start();
                }
                return Optional.of(new Stored(memo, disk, hints));
            } catch (RuntimeException e) {
                return Optional.empty(); // a memo in another shape: run again
            }
        });
    }

    /**
     * The digest of everything a whole run reads: config (its values and the file's bytes, which
     * findings quote), shard and selection, every listed path with its size and role (the resolver
     * works on the listing), and the content key of every scanned file and tsconfig; null when a file
     * has no key (unreadable) or the config cannot be written down.
     */
    static byte[] runKey(GateContext context, SsotConfig config, String salt, RunFiles files) {
        try {
            RunMemos.Key key = new RunMemos.Key().text(VERSION).text(salt).value(config).configFile(context);
            key.number(context.shard().index()).number(context.shard().count()).flag(context.partial())
                    .text(files.ownConfig())
                    .value(context.changed() == null ? null : new TreeSet<>(context.changed()));
            ContentKeys keys = context.workspace().contentKeys(context.environment());
            List<SourceFile> all = files.all();
            for (int i = 0; i < all.size(); i++) {
                SourceFile f = all.get(i);
                int role = files.role(i);
                key.text(f.path()).number(f.size()).number(role);
                String name = f.fileName();
                if ((role & RunFiles.SCANNED) != 0 || name.equals("tsconfig.json") || name.equals("jsconfig.json")) {
                    byte[] k = keys.key(f);
                    if (k == null) {
                        return null;
                    }
                    key.bytes(k);
                }
            }
            return key.digest();
        } catch (RuntimeException e) {
            return null; // no whole-run reuse; the per-file cache still works
        }
    }

    /**
     * The stored outcome, with this run's cache counter, when {@code stored} is for {@code runKey} and
     * the disk still answers the run's questions as before; else null.
     */
    static GateOutcome reuse(Stored stored, byte[] runKey, Path root, ModuleWhereabouts whereabouts, int scanned) {
        if (!stored.memo().matches(runKey)) {
            return null;
        }
        try {
            if (!ModuleResolver.sameDisk(root, stored.disk()) || !whereabouts.sameAnswers(stored.hints())) {
                return null;
            }
            GateOutcome outcome = stored.memo().payload().outcome();
            Map<String, Number> metrics = new TreeMap<>(outcome.metrics());
            metrics.put("cache.hits", scanned);
            return new GateOutcome(outcome.summary(), metrics, outcome.thresholds(), outcome.findings(),
                    outcome.sections(), outcome.details(), outcome.minimumVerdict());
        } catch (RuntimeException e) {
            return null; // a memo in another shape: run the rules again
        }
    }

    /**
     * Keeps the cache for the next run: entries of files not read this time carry over and the file is
     * saved when something changed; the whole run is memoised with what it asked the disk.
     */
    static void remember(GateContext context, ContentCache cache, List<SourceFile> all, Map<String, FileFacts> facts,
                         byte[] runKey, GateOutcome outcome, ModuleResolver resolver, ModuleWhereabouts whereabouts) {
        for (SourceFile f : all) {
            if (!facts.containsKey(f.path())) {
                cache.carryOver(f.path());
            }
        }
        try {
            cache.save(); // not rewritten when nothing changed
            if (runKey != null) {
                MemoBytes.Out out = new MemoBytes.Out();
                Map<String, Boolean> disk = resolver.diskProbes();
                out.integer(disk.size());
                disk.forEach((path, answer) -> out.string(path).flag(answer));
                Map<String, String> hints = whereabouts.answers();
                out.integer(hints.size());
                hints.forEach((path, answer) -> out.string(path).string(answer));
                RunMemos.write(context.cacheDir(), GATE, runKey, out.outcome(outcome));
            }
        } catch (IOException | RuntimeException e) {
            // a cache that cannot be written costs the next run time, not this run its result
        }
    }
}
