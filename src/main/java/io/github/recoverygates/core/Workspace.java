package io.github.recoverygates.core;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;

/**
 * The files of the checked tree, walked once: excludes applied (the built-in ones unless the
 * config gives its own), virtualenvs skipped, symlinks followed only while they stay inside the
 * root, loops detected. Problems met on the way are kept as findings, never thrown.
 */
public final class Workspace {

    public static final List<String> BUILT_IN_EXCLUDES = List.of(
            "**/.git/**", "**/.hg/**", "**/.svn/**",
            "**/node_modules/**", "**/.venv/**", "**/venv/**", "**/.tox/**", "**/.nox/**",
            "**/__pycache__/**", "**/.mypy_cache/**", "**/.pytest_cache/**", "**/.ruff_cache/**", "**/*.egg-info/**",
            "**/target/**", "**/build/**", "**/dist/**", "**/.gradle/**", "**/out/**",
            "**/backups/**", "**/backup/**", "**/*_backup*/**", "**/*.bak");

    private final Path root;
    private final Path realRoot;
    private final List<Glob> excludes;
    /** The excludes a file the walk reaches can still match: not the directory-only ones, whose directories it skipped. */
    private final List<Glob> fileExcludes;
    private final List<String> excludeText;
    private final Path skipDir;
    private final String rootPrefix;
    private volatile Listing listing;
    private volatile ContentKeys contentKeys;

    private record Listing(List<SourceFile> files, List<Finding> problems) {
    }

    /**
     * @param excludes the config's excludes, or null for {@link #BUILT_IN_EXCLUDES}
     * @param skipDir  a directory never to list (the report directory when it was asked to live inside the root), or null
     */
    public Workspace(Path root, List<String> excludes, Path skipDir) {
        if (!Files.isDirectory(root)) {
            throw new ConfigException("--root " + root + " is not a directory");
        }
        this.root = root.toAbsolutePath().normalize();
        this.rootPrefix = this.root.toString().endsWith("/") ? this.root.toString() : this.root + "/";
        try {
            this.realRoot = this.root.toRealPath();
        } catch (IOException e) {
            throw new ConfigException("cannot resolve --root " + root + ": " + e.getMessage(), e);
        }
        this.excludeText = excludes == null ? BUILT_IN_EXCLUDES : List.copyOf(excludes);
        this.excludes = Glob.all(excludeText);
        this.fileExcludes = this.excludes.stream().filter(g -> !g.directoryOnly()).toList();
        this.skipDir = skipDir == null ? null : skipDir.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public List<String> excludes() {
        return excludeText;
    }

    /** Every regular file that is not excluded, sorted by path. */
    public List<SourceFile> files() {
        return listing().files();
    }

    /** What the walk could not list: symlink loops, links out of the root, unreadable directories. */
    public List<Finding> problems() {
        return listing().problems();
    }

    /** The content keys of this tree's files, made once per workspace (git is asked with the run's {@code environment}). */
    public ContentKeys contentKeys(java.util.Map<String, String> environment) {
        ContentKeys k = contentKeys;
        if (k == null) {
            synchronized (this) {
                if (contentKeys == null) {
                    contentKeys = ContentKeys.forRoot(root, environment);
                }
                k = contentKeys;
            }
        }
        return k;
    }

    public boolean excluded(String relativePath) {
        return Glob.any(excludes, relativePath);
    }

    /** The '/'-separated path of {@code file} relative to the root. */
    public String relativize(Path file) {
        String text = file.toString();
        String prefix = rootPrefix;
        if (file.isAbsolute() && text.startsWith(prefix) && !text.contains("/./") && !text.contains("/../")
                && "/".equals(file.getFileSystem().getSeparator())) {
            return text.substring(prefix.length()); // what the walk hands us: root + '/' + a clean relative path
        }
        String rel = root.relativize(file.toAbsolutePath().normalize()).toString();
        return file.getFileSystem().getSeparator().equals("/") ? rel : rel.replace('\\', '/');
    }

    private Listing listing() {
        Listing l = listing;
        if (l == null) {
            synchronized (this) {
                if (listing == null) {
                    listing = walk();
                }
                l = listing;
            }
        }
        return l;
    }

    private Listing walk() {
        Walker walker = new Walker();
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, walker);
        } catch (IOException e) {
            walker.problems.add(problem("unreadable", ".", "cannot walk the root: " + e.getMessage()));
        }
        walker.files.sort(Comparator.comparing(SourceFile::path));
        return new Listing(List.copyOf(walker.files), List.copyOf(walker.problems));
    }

    /** One walk of the tree: what it lists, and what it meets that it cannot list. */
    private final class Walker extends SimpleFileVisitor<Path> {
        final List<SourceFile> files = new ArrayList<>();
        final List<Finding> problems = new ArrayList<>();

        /** Skips excluded directories, virtualenvs, the report directory and links out of the root. */
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (dir.equals(root)) {
                return FileVisitResult.CONTINUE;
            }
            String rel = relativize(dir);
            if (dir.equals(skipDir) || excludedDirectory(rel) || Files.isRegularFile(dir.resolve("pyvenv.cfg"))) {
                return FileVisitResult.SKIP_SUBTREE;
            }
            if (Files.isSymbolicLink(dir) && !insideRoot(dir)) {
                problems.add(problem("symlink-outside-root", rel, "symbolic link leads out of the root; not followed"));
                return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
        }

        /** Lists a regular file that is not excluded; a broken link, a FIFO or socket, a link out of the root is a problem. */
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            String rel = relativize(file);
            boolean excluded = Glob.any(fileExcludes, rel);
            if (attrs.isSymbolicLink() && !excluded) {
                // FOLLOW_LINKS hands us the link itself only when its target is missing
                problems.add(problem("broken-symlink", rel, "broken symbolic link"));
            } else if (excluded) {
                return FileVisitResult.CONTINUE;
            } else if (attrs.isOther()) {
                problems.add(problem("special-file", rel,
                        "a FIFO, socket or device, not a regular file: not opened, not checked"));
            } else if (attrs.isRegularFile() && Files.isSymbolicLink(file) && !insideRoot(file)) {
                problems.add(problem("symlink-outside-root", rel, "symbolic link leads out of the root; not followed"));
            } else if (attrs.isRegularFile()) {
                files.add(SourceFile.of(rel, file, attrs));
            }
            return FileVisitResult.CONTINUE;
        }

        /** A link loop, a broken link or an unreadable entry that is not excluded. */
        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            String rel = relativize(file);
            if (excluded(rel)) {
                return FileVisitResult.CONTINUE;
            }
            if (e instanceof FileSystemLoopException) {
                problems.add(problem("symlink-loop", rel, "symbolic link loop; not followed"));
            } else if (e instanceof NoSuchFileException) {
                problems.add(problem("broken-symlink", rel, "broken symbolic link"));
            } else if (e instanceof AccessDeniedException) {
                problems.add(problem("unreadable", rel, "permission denied"));
            } else {
                problems.add(problem("unreadable", rel, "cannot read: " + e.getMessage()));
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) {
            if (e != null) {
                problems.add(problem("unreadable", relativize(dir), "cannot list directory: " + e.getMessage()));
            }
            return FileVisitResult.CONTINUE;
        }
    }

    private boolean excludedDirectory(String rel) {
        for (Glob g : excludes) {
            if (g.matchesDirectory(rel)) {
                return true;
            }
        }
        return false;
    }

    private boolean insideRoot(Path path) {
        try {
            return path.toRealPath().startsWith(realRoot);
        } catch (IOException e) {
            return false;
        }
    }

    private static Finding problem(String category, String file, String message) {
        return Finding.builder("workspace/" + category, Severity.WARNING).category(category).file(file).message(message).build();
    }
}
