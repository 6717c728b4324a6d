package io.github.recoverygates.syntax;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.recoverygates.core.ContentCache;
import io.github.recoverygates.core.ContentKeys;
import io.github.recoverygates.core.GateContext;
import io.github.recoverygates.core.GateOutcome;
import io.github.recoverygates.core.Json;
import io.github.recoverygates.core.SourceFile;
import io.github.recoverygates.syntax.collection.TestCollection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

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
    private static final String VERSION = "syntax-run 1";
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

    /** The outcome a run with the same key gave, with this run's cache counters and {@link #REUSED}. */
    Optional<GateOutcome> reuse(FileSelection files) {
        return cache.lookupRun(NAME, key).flatMap(node -> {
            try {
                GateOutcome outcome = Json.REPORT.treeToValue(node.path("outcome"), GateOutcome.class);
                Map<String, Number> metrics = new TreeMap<>();
                JsonNode types = node.path("types");
                outcome.metrics().forEach((k, v) -> metrics.put(k, typed(v, types.path(k).asText())));
                long tooLarge = metrics.getOrDefault("skipped.too-large", 0L).longValue();
                long skipped = metrics.getOrDefault("skipped.no-typescript", 0L).longValue();
                metrics.put("cache.hits", files.selectedCount() - tooLarge - skipped);
                metrics.put("compiled.python", 0L);
                metrics.put("worker.restarts", 0);
                metrics.put(REUSED, 1);
                return Optional.of(new GateOutcome(outcome.summary(), metrics, outcome.thresholds(),
                        outcome.findings(), outcome.sections(), outcome.details(), outcome.minimumVerdict()));
            } catch (IOException | RuntimeException e) {
                return Optional.empty(); // a memo in another shape: run again
            }
        });
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
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            Digest add = text -> {
                md.update(text.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            };
            add.text(VERSION);
            add.text(salt);
            add.text(System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
            add.text(Json.REPORT.writeValueAsString(config));
            add.text(String.valueOf(context.config().source()));
            try {
                md.update(Files.readAllBytes(Path.of(context.config().source())));
            } catch (IOException | RuntimeException e) {
                add.text("no config file");
            }
            ContentKeys keys = context.workspace().contentKeys(context.environment());
            Set<String> paths = new HashSet<>(listed.size() * 2);
            Set<String> pythonDirs = new HashSet<>();
            for (SourceFile f : listed) {
                byte[] k = keys.key(f);
                if (k == null) {
                    return null; // unreadable: its result is not cached either
                }
                add.text(f.path() + " " + f.size());
                md.update(k);
                paths.add(f.path());
                if (f.path().endsWith(".py")) {
                    for (String dir = f.path(); dir.lastIndexOf('/') > 0; ) {
                        dir = dir.substring(0, dir.lastIndexOf('/'));
                        if (!pythonDirs.add(dir)) {
                            break;
                        }
                    }
                }
            }
            pythonDirs.add("");
            for (String dir : new java.util.TreeSet<>(pythonDirs)) {
                for (String name : TestCollection.CONFIG_FILE_NAMES) {
                    String path = dir.isEmpty() ? name : dir + "/" + name;
                    if (!paths.contains(path) && Files.exists(context.root().resolve(path))) {
                        add.text("unlisted " + path); // read by test collection though the listing leaves it out
                        byte[] k = ContentKeys.hash(context.root().resolve(path));
                        md.update(k == null ? new byte[ContentKeys.LENGTH] : k);
                    }
                }
            }
            return md.digest();
        } catch (NoSuchAlgorithmException | IOException | RuntimeException e) {
            return null; // no whole-run reuse; the per-file caches still work
        }
    }

    @FunctionalInterface
    private interface Digest {
        void text(String text);
    }
}
