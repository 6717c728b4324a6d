package io.github.recoverygates.core;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Copies of a file from before the damage, where the seeds keep them: under backup directories
 * ({@code backups/<run>/system_snapshot/<path>}, {@code backup/…}, {@code <dir>_backup…/<rest>})
 * and beside the file ({@code <name>.backup…}, {@code <stem>_backup…}, {@code <name>.bak}). Backup
 * directories are excluded from the workspace walk, so they are listed here, once, on first use.
 * Symbolic links are never followed, so no copy is read from outside the root.
 */
public final class BackupCopies {

    /** One copy: its path relative to the root ('/'-separated), where it is, and its size. */
    public record Copy(String path, Path absolute, long size) {
    }

    private static final Set<String> NEVER = Set.of(".git", ".hg", ".svn", "node_modules", "__pycache__", ".tox",
            ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache", "venv", ".venv");
    /** At most this many files under backup directories are indexed. */
    private static final int LIMIT = 200_000;

    private final Path root;
    private volatile Map<String, List<String>> byName;

    public BackupCopies(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** Whether a file or directory name marks a backup: backups, backup, *_backup*, *.backup*, *.bak. */
    public static boolean isBackupName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("backups") || n.equals("backup") || n.contains("_backup") || n.contains(".backup")
                || n.contains("-backup") || n.endsWith(".bak");
    }

    /** The copies of {@code path} (relative to the root), sorted by their path. */
    public List<Copy> of(String path) {
        List<Copy> out = new ArrayList<>();
        String name = path.substring(path.lastIndexOf('/') + 1);
        String dir = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
        for (String candidate : index().getOrDefault(name, List.of())) {
            if (sameFile(candidate, path)) {
                copy(candidate).ifPresent(out::add);
            }
        }
        Path parent = dir.isEmpty() ? root : root.resolve(dir);
        String stem = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        if (Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> siblings = Files.newDirectoryStream(parent)) {
                for (Path s : siblings) {
                    String sibling = s.getFileName().toString();
                    if (!sibling.equals(name) && (besides(sibling, name) || besides(sibling, stem))) {
                        copy(dir.isEmpty() ? sibling : dir + "/" + sibling).ifPresent(out::add);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // an unreadable directory has no copies to offer
            }
        }
        out.sort(java.util.Comparator.comparing(Copy::path));
        return out;
    }

    private static boolean besides(String sibling, String base) {
        if (!sibling.startsWith(base) || sibling.length() == base.length()) {
            return false;
        }
        String rest = sibling.substring(base.length()).toLowerCase(Locale.ROOT);
        return rest.startsWith(".backup") || rest.startsWith("_backup") || rest.startsWith("-backup") || rest.equals(".bak");
    }

    private java.util.Optional<Copy> copy(String relative) {
        Path p = root.resolve(relative);
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.isRegularFile() ? java.util.Optional.of(new Copy(relative, p, a.size())) : java.util.Optional.empty();
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * Whether {@code copy} (under a backup directory) stands for {@code path}: it ends with the same
     * components, one of which may be a backup variant of the original ({@code tests_backup_0915} for {@code tests}).
     */
    static boolean sameFile(String copy, String path) {
        String[] c = copy.split("/");
        String[] p = path.split("/");
        if (c.length < p.length) {
            return false;
        }
        int offset = c.length - p.length;
        boolean variant = false;
        for (int i = 0; i < p.length; i++) {
            String ci = c[offset + i];
            if (ci.equals(p[i])) {
                continue;
            }
            if (variant || i == p.length - 1 || !besides(ci, p[i])) {
                return false;
            }
            variant = true;
        }
        if (variant) {
            return true;
        }
        for (int i = 0; i < offset; i++) {
            if (isBackupName(c[i])) {
                return true;
            }
        }
        return false;
    }

    private Map<String, List<String>> index() {
        Map<String, List<String>> found = byName;
        if (found != null) {
            return found;
        }
        synchronized (this) {
            if (byName == null) {
                byName = walk();
            }
            return byName;
        }
    }

    private Map<String, List<String>> walk() {
        Map<String, List<String>> out = new HashMap<>();
        int[] count = {0};
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                int insideBackup;

                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (dir.equals(root)) {
                        return FileVisitResult.CONTINUE;
                    }
                    String name = dir.getFileName().toString();
                    if (NEVER.contains(name) || Files.exists(dir.resolve("pyvenv.cfg"), LinkOption.NOFOLLOW_LINKS)) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    if (insideBackup > 0 || isBackupName(name)) {
                        insideBackup++;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                    if (insideBackup > 0) {
                        insideBackup--;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (insideBackup > 0 && attrs.isRegularFile()) {
                        String rel = root.relativize(file).toString().replace('\\', '/');
                        out.computeIfAbsent(file.getFileName().toString(), k -> new ArrayList<>()).add(rel);
                        if (++count[0] >= LIMIT) {
                            return FileVisitResult.TERMINATE;
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | RuntimeException e) {
            // what was listed so far is what there is
        }
        out.values().forEach(Collections::sort);
        return out;
    }
}
