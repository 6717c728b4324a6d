package io.github.recoverygates.ssot;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the rules read: the facts of every scanned file (by path, sorted), the files this run
 * reports on, the resolution of each import of those files (same order as their imports), and
 * where missing modules went.
 */
record ScanIndex(Map<String, FileFacts> facts, Set<String> selected,
                 Map<String, List<ModuleResolver.Resolution>> resolutions, ModuleWhereabouts whereabouts) {

    boolean reports(String path) {
        return selected.contains(path);
    }

    List<ModuleResolver.Resolution> resolutionsOf(String path) {
        return resolutions.getOrDefault(path, List.of());
    }
}
