package io.github.recoverygates.core;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a gate may use: the root, the config, the walked workspace, the selection of files
 * this run owns ({@code --shard}, {@code --changed-from}), the cache, progress, the secret masker,
 * the environment (also of every child process) and the number of workers.
 *
 * @param changed  the files changed since {@code --changed-from}, or null when every file is in scope
 * @param cacheDir the {@code --cache} directory, or null
 * @param workers  the requested workers, 0 for one per core
 * @param notices  what the run wants to tell the user (a clamped worker count); reported as notes
 * @param changes  the lines the change under review touches (a pull request), or null
 */
public record GateContext(Path root, Config config, Workspace workspace, Shard shard, Set<String> changed,
                          Path cacheDir, Progress progress, SecretMasker masker, Map<String, String> environment,
                          int workers, List<String> notices, ChangedLines changes) {

    public GateContext {
        shard = shard == null ? Shard.ALL : shard;
        progress = progress == null ? Progress.SILENT : progress;
        environment = environment == null ? Map.of() : environment;
        notices = notices == null ? Collections.synchronizedList(new ArrayList<>()) : notices;
        workers = workers <= 0 ? cores() : capped(workers, "the requested workers", notices);
    }

    public GateContext(Path root, Config config, Workspace workspace, Shard shard, Set<String> changed,
                       Path cacheDir, Progress progress, SecretMasker masker, Map<String, String> environment,
                       int workers) {
        this(root, config, workspace, shard, changed, cacheDir, progress, masker, environment, workers, null, null);
    }

    /** The most workers any pool may have: twice the cores. */
    public static int maxWorkers() {
        return 2 * cores();
    }

    private static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * {@code requested} (a config's own worker count, say) within {@link #maxWorkers()}; a larger one is
     * clamped with a notice naming {@code what}.
     */
    public int workers(Integer requested, String what) {
        return requested == null ? workers : capped(requested, what, notices);
    }

    private static int capped(int requested, String what, List<String> notices) {
        int max = maxWorkers();
        if (requested > max) {
            notices.add(what + " (" + requested + ") exceed twice the " + cores() + " cores; using " + max);
            return max;
        }
        return Math.max(1, requested);
    }

    /** Whether this run checks {@code path} itself (its shard, and changed when --changed-from is given). */
    public boolean selected(String path) {
        return shard.contains(path) && (changed == null || changed.contains(path));
    }

    /** Whether this run sees only part of the files (a shard, a PR's changes): an empty part is no failure. */
    public boolean partial() {
        return shard.count() > 1 || changed != null;
    }

    /** The workspace files this run checks. */
    public List<SourceFile> selectedFiles() {
        return workspace.files().stream().filter(f -> selected(f.path())).toList();
    }

    /**
     * The cache of this gate, salted with what would change its results, if {@code --cache} was given;
     * keyed by the workspace's content keys (git's blob ids), so every gate of the run shares one git listing.
     */
    public Optional<ContentCache> cache(String gate, String salt) {
        if (cacheDir == null) {
            return Optional.empty();
        }
        ContentKeys keys = workspace != null ? workspace.contentKeys(environment) : ContentKeys.forRoot(root, environment);
        ContentCache cache = ContentCache.open(cacheDir, gate, salt, keys);
        if (cache.notice() != null) {
            notices.add(cache.notice());
        }
        return Optional.of(cache);
    }
}
