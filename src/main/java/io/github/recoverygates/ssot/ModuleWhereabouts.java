package io.github.recoverygates.ssot;

import io.github.recoverygates.core.BackupCopies;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The error behind a missing module: where it went. A module of the same name elsewhere in the
 * tree (it was moved) or a copy from before it was lost (a backup directory, {@code <name>.py.backup…}).
 */
final class ModuleWhereabouts {

    /**
     * @param movedTo dotted names of the modules with the same name elsewhere in the tree, sorted
     * @param backup  a copy of the missing file from a backup, or null
     */
    record Hint(List<String> movedTo, List<String> movedPaths, BackupCopies.Copy backup) {
        boolean isEmpty() {
            return movedTo.isEmpty() && backup == null;
        }

        /** The sentence the finding gets: "; a module of that name is at …". */
        String sentence() {
            StringBuilder s = new StringBuilder();
            if (movedPaths.size() == 1) {
                s.append("; a module of that name is at ").append(movedPaths.get(0)).append(" (moved? import ")
                        .append(movedTo.get(0)).append(')');
            } else if (movedPaths.size() > 1) {
                s.append("; ").append(movedPaths.size()).append(" modules of that name elsewhere: ")
                        .append(String.join(", ", movedPaths.subList(0, Math.min(5, movedPaths.size()))))
                        .append(movedPaths.size() > 5 ? ", …" : "");
            }
            if (backup != null) {
                s.append("; a copy from before it was lost: ").append(backup.path());
            }
            return s.toString();
        }
    }

    private final SourceRoots roots;
    private final BackupCopies backups;
    private final Map<String, List<String>> byName = new HashMap<>();
    private final Map<String, String> asked = new java.util.concurrent.ConcurrentHashMap<>();

    /** @param backups the root's backup copies (perhaps listed already, see {@link SsotRunMemo#read}) */
    ModuleWhereabouts(Collection<String> paths, SourceRoots roots, BackupCopies backups) {
        this.roots = roots;
        this.backups = backups;
        for (String p : paths) {
            String module = moduleFile(p);
            if (module != null) {
                byName.computeIfAbsent(module.substring(module.lastIndexOf('/') + 1), k -> new ArrayList<>()).add(p);
            }
        }
    }

    /** "a/b/c" for a/b/c.py and a/b/c/__init__.py, else null. */
    private static String moduleFile(String path) {
        if (path.endsWith("/__init__.py")) {
            return path.substring(0, path.length() - "/__init__.py".length());
        }
        return path.endsWith(".py") && !path.endsWith("__init__.py") ? path.substring(0, path.length() - 3) : null;
    }

    /** Where the module that should be at {@code missingPath} ("a/b/gone", no extension) went. */
    Hint of(String missingPath) {
        String name = missingPath.substring(missingPath.lastIndexOf('/') + 1);
        List<String> paths = new ArrayList<>(byName.getOrDefault(name, List.of()));
        paths.sort(null);
        List<String> dotted = paths.stream().map(p -> roots.dotted(moduleFile(p))).toList();
        BackupCopies.Copy backup = null;
        for (String file : List.of(missingPath + ".py", missingPath + "/__init__.py")) {
            List<BackupCopies.Copy> copies = backups.of(file);
            if (!copies.isEmpty()) {
                backup = copies.get(0);
                break;
            }
        }
        Hint hint = new Hint(dotted, paths, backup);
        asked.put(missingPath, describe(hint));
        return hint;
    }

    private static String describe(Hint h) {
        return h.movedTo() + " " + h.movedPaths() + " " + (h.backup() == null ? "-" : h.backup().path() + " " + h.backup().size());
    }

    /** Every question this run asked (missing path → the answer, described): the disk's backups are not in the listing. */
    Map<String, String> answers() {
        return new java.util.TreeMap<>(asked);
    }

    /** Whether the same questions get the same answers now. */
    boolean sameAnswers(Map<String, String> answers) {
        for (Map.Entry<String, String> e : answers.entrySet()) {
            if (!describe(of(e.getKey())).equals(e.getValue())) {
                return false;
            }
        }
        return true;
    }
}
