package io.github.recoverygates.ssot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.recoverygates.core.ContentCache;
import io.github.recoverygates.core.GateContext;
import io.github.recoverygates.core.GateOutcome;
import io.github.recoverygates.core.Json;
import io.github.recoverygates.core.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The whole-run memo of the ssot gate: the key of everything a run reads, the outcome reused when
 * nothing of it changed and the disk still answers as before, and what is kept for the next run.
 */
final class SsotRunMemo {

    private SsotRunMemo() {
    }

    /**
     * Keeps the cache for the next run: entries of files not read this time carry over, the whole run
     * is memoised with what it asked the disk, and the file is saved when something changed.
     */
    static void remember(ContentCache cache, List<SourceFile> all, Map<String, FileFacts> facts, byte[] runKey,
                          GateOutcome outcome, ModuleResolver resolver, ModuleWhereabouts whereabouts) {
        for (SourceFile f : all) {
            if (!facts.containsKey(f.path())) {
                cache.carryOver(f.path());
            }
        }
        if (runKey != null) {
            ObjectNode memo = Json.REPORT.createObjectNode();
            memo.set("outcome", Json.REPORT.valueToTree(outcome));
            memo.set("disk", Json.REPORT.valueToTree(resolver.diskProbes()));
            memo.set("hints", Json.REPORT.valueToTree(whereabouts.answers()));
            cache.putRun("ssot", runKey, memo);
        }
        try {
            cache.save(); // not rewritten when nothing changed
        } catch (IOException e) {
            // a cache that cannot be written costs the next run time, not this run its result
        }
    }

    /**
     * The digest of everything a whole run reads: config, selection, every listed path with its size
     * (the resolver works on the listing), and the content key of every scanned file and tsconfig; null
     * when a file has no key (unreadable) or the config cannot be written down.
     */
    static byte[] runKey(GateContext context, SsotConfig config, String salt, String ownConfig,
                                 List<SourceFile> all, List<SourceFile> toScan, Set<String> selected) {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            java.util.function.Consumer<String> add = text -> {
                md.update(text.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            };
            add.accept(salt);
            add.accept(Json.REPORT.writeValueAsString(config));
            add.accept(String.valueOf(context.config().source())); // findings name the config's lines
            try {
                md.update(Files.readAllBytes(java.nio.file.Path.of(context.config().source())));
            } catch (IOException | RuntimeException e) {
                add.accept("no config file");
            }
            add.accept(context.shard().index() + "/" + context.shard().count() + " " + context.partial());
            add.accept(String.valueOf(ownConfig));
            add.accept(new TreeSet<>(selected).toString());
            add.accept(context.changed() == null ? "-" : new TreeSet<>(context.changed()).toString());
            io.github.recoverygates.core.ContentKeys keys = context.workspace().contentKeys(context.environment());
            Set<String> scanned = new HashSet<>();
            for (SourceFile f : toScan) {
                scanned.add(f.path());
            }
            for (SourceFile f : all) {
                add.accept(f.path() + " " + f.size());
                String name = f.fileName();
                if (scanned.contains(f.path()) || name.equals("tsconfig.json") || name.equals("jsconfig.json")) {
                    byte[] key = keys.key(f);
                    if (key == null) {
                        return null;
                    }
                    md.update(key);
                }
            }
            return md.digest();
        } catch (java.security.NoSuchAlgorithmException | IOException | RuntimeException e) {
            return null; // no whole-run reuse; the per-file cache still works
        }
    }

    /** The cached outcome when the disk still answers the run's questions as before, else null. */
    static GateOutcome reuse(JsonNode memo, ModuleResolver resolver, ModuleWhereabouts whereabouts, int scanned) {
        try {
            Map<String, Boolean> disk = Json.REPORT.convertValue(memo.path("disk"),
                    new com.fasterxml.jackson.core.type.TypeReference<TreeMap<String, Boolean>>() { });
            Map<String, String> hints = Json.REPORT.convertValue(memo.path("hints"),
                    new com.fasterxml.jackson.core.type.TypeReference<TreeMap<String, String>>() { });
            if (!resolver.sameDisk(disk) || !whereabouts.sameAnswers(hints)) {
                return null;
            }
            GateOutcome outcome = Json.REPORT.treeToValue(memo.path("outcome"), GateOutcome.class);
            Map<String, Number> metrics = new TreeMap<>(outcome.metrics());
            metrics.put("cache.hits", scanned);
            return new GateOutcome(outcome.summary(), metrics, outcome.thresholds(), outcome.findings(),
                    outcome.sections(), outcome.details(), outcome.minimumVerdict());
        } catch (IOException | RuntimeException e) {
            return null; // a memo in another shape: run the rules again
        }
    }
}
