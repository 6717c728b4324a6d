package io.github.recoverygates.core;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

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

    /** The file that makes a directory a virtualenv, which the walk skips. */
    private static final String PYVENV = "pyvenv.cfg";
    /** Directories listed at once: stat calls wait on the file system as much as they compute. */
    private static final int WALKERS = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));

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

    /**
     * Starts the walk on a thread of its own, so that it overlaps what the caller prepares meanwhile;
     * {@link #files} waits for it. A walk that fails there is done again, and fails, in the caller.
     */
    public Workspace prefetch() {
        if (listing == null) {
            Thread t = new Thread(this::listing, "workspace-walk");
            t.setDaemon(true);
            t.setUncaughtExceptionHandler((thread, e) -> { });
            t.start();
        }
        return this;
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

    /**
     * {@link #excluded} for a file in a directory the walk entered: only the excludes that can match
     * a file there are tried (a directory-only one would have kept the walk out of the directory).
     */
    public boolean excludedInListedDirectory(String relativePath) {
        return Glob.any(fileExcludes, relativePath);
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
        Walk walk = new Walk();
        try {
            BasicFileAttributes attrs = Files.readAttributes(root, BasicFileAttributes.class);
            ForkJoinPool pool = new ForkJoinPool(WALKERS);
            try {
                pool.invoke(walk.new Directory(root, "", attrs, null));
            } finally {
                pool.shutdown();
            }
        } catch (IOException e) {
            walk.problems.add(problem("unreadable", ".", "cannot walk the root: " + e.getMessage()));
        }
        List<SourceFile> files = new ArrayList<>(walk.files);
        files.sort(Comparator.comparing(SourceFile::path));
        List<Finding> problems = new ArrayList<>(walk.problems);
        problems.sort(Comparator.comparing(Finding::file).thenComparing(Finding::ruleId));
        return new Listing(List.copyOf(files), List.copyOf(problems));
    }

    /** The directories being listed above one, by file key: a directory met again below itself is a loop. */
    private record Open(Object key, Open parent) {
        boolean contains(Object k) {
            for (Open o = this; o != null; o = o.parent) {
                if (o.key.equals(k)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * One walk of the tree, its directories listed in parallel: what it lists, and what it meets that
     * it cannot list. One lstat per entry (and a stat of each symbolic link's target): a link is
     * followed only while it stays inside the root.
     */
    private final class Walk {
        final Queue<SourceFile> files = new ConcurrentLinkedQueue<>();
        final Queue<Finding> problems = new ConcurrentLinkedQueue<>();

        /** Lists a directory ({@code rel} to the root, "" for the root) unless it is a virtualenv; its subdirectories in tasks of their own. */
        final class Directory extends RecursiveAction {
            private final Path dir;
            private final String rel;
            private final BasicFileAttributes attrs;
            private final Open above;
            private final List<Directory> below = new ArrayList<>();

            Directory(Path dir, String rel, BasicFileAttributes attrs, Open above) {
                this.dir = dir;
                this.rel = rel;
                this.attrs = attrs;
                this.above = above;
            }

            @Override
            protected void compute() {
                Object key = attrs.fileKey();
                if (key != null && above != null && above.contains(key)) {
                    problems.add(problem("symlink-loop", rel, "symbolic link loop; not followed"));
                    return;
                }
                List<Path> entries = new ArrayList<>();
                try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
                    for (Path entry : stream) {
                        if (!rel.isEmpty() && PYVENV.equals(entry.getFileName().toString()) && Files.isRegularFile(entry)) {
                            return; // a virtualenv, whatever its name
                        }
                        entries.add(entry);
                    }
                } catch (IOException | DirectoryIteratorException e) {
                    IOException cause = e instanceof DirectoryIteratorException d ? d.getCause() : (IOException) e;
                    problems.add(problem("unreadable", rel.isEmpty() ? "." : rel, "cannot list directory: " + message(cause)));
                    return;
                }
                Open here = key == null ? above : new Open(key, above);
                for (Path entry : entries) {
                    String name = entry.getFileName().toString();
                    visit(entry, rel.isEmpty() ? name : rel + "/" + name, here);
                }
                invokeAll(below);
            }

            private void visit(Path entry, String rel, Open here) {
                BasicFileAttributes attrs;
                try {
                    attrs = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException e) {
                    return; // gone since it was listed
                } catch (IOException e) {
                    failed(rel, e);
                    return;
                }
                boolean link = attrs.isSymbolicLink();
                if (link) {
                    try {
                        attrs = Files.readAttributes(entry, BasicFileAttributes.class);
                    } catch (NoSuchFileException e) {
                        if (!excluded(rel)) {
                            problems.add(problem("broken-symlink", rel, "broken symbolic link"));
                        }
                        return;
                    } catch (IOException e) {
                        failed(rel, e);
                        return;
                    }
                }
                if (attrs.isDirectory()) {
                    if (entry.equals(skipDir) || excludedDirectory(rel)) {
                        return;
                    }
                    if (link && !insideRoot(entry)) {
                        problems.add(problem("symlink-outside-root", rel, "symbolic link leads out of the root; not followed"));
                        return;
                    }
                    below.add(new Directory(entry, rel, attrs, here));
                } else if (Glob.any(fileExcludes, rel)) {
                    return;
                } else if (attrs.isOther()) {
                    problems.add(problem("special-file", rel, "a FIFO, socket or device, not a regular file: not opened, not checked"));
                } else if (attrs.isRegularFile() && link && !insideRoot(entry)) {
                    problems.add(problem("symlink-outside-root", rel, "symbolic link leads out of the root; not followed"));
                } else if (attrs.isRegularFile()) {
                    files.add(SourceFile.of(rel, entry, attrs));
                }
            }

            /** An entry that cannot be stat'ed (a link loop, an unreadable entry) and is not excluded. */
            private void failed(String rel, IOException e) {
                if (excluded(rel)) {
                    return;
                }
                if (e instanceof FileSystemException f && f.getReason() != null && f.getReason().contains("symbolic links")) {
                    problems.add(problem("symlink-loop", rel, "symbolic link loop; not followed"));
                } else if (e instanceof AccessDeniedException) {
                    problems.add(problem("unreadable", rel, "permission denied"));
                } else {
                    problems.add(problem("unreadable", rel, "cannot read: " + message(e)));
                }
            }
        }
    }

    private static String message(IOException e) {
        return e instanceof AccessDeniedException ? "permission denied" : e.getMessage();
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
