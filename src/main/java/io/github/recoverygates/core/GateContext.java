package io.github.recoverygates.core;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a gate may use: the root, the config, the walked workspace, the selection of files
 * this run owns ({@code --shard}, {@code --changed-from}), the cache, progress, the secret masker,
 * the environment and the number of workers.
 *
 * @param changed the files changed since {@code --changed-from}, or null when every file is in scope
 * @param cacheDir the {@code --cache} directory, or null
 */
public record GateContext(Path root, Config config, Workspace workspace, Shard shard, Set<String> changed,
                          Path cacheDir, Progress progress, SecretMasker masker, Map<String, String> environment,
                          int workers) {

    public GateContext {
        shard = shard == null ? Shard.ALL : shard;
        progress = progress == null ? Progress.SILENT : progress;
        environment = environment == null ? Map.of() : environment;
        workers = workers <= 0 ? Runtime.getRuntime().availableProcessors() : workers;
    }

    /** Whether this run checks {@code path} itself (its shard, and changed when --changed-from is given). */
    public boolean selected(String path) {
        return shard.contains(path) && (changed == null || changed.contains(path));
    }

    /** The workspace files this run checks. */
    public List<SourceFile> selectedFiles() {
        return workspace.files().stream().filter(f -> selected(f.path())).toList();
    }

    /** The cache of this gate, salted with what would change its results, if {@code --cache} was given. */
    public Optional<ContentCache> cache(String gate, String salt) {
        return cacheDir == null ? Optional.empty() : Optional.of(ContentCache.open(cacheDir, gate, salt));
    }
}
