package io.github.recoverygates.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * What identifies a file's content without reading it where that is safe: git's blob id. In a git
 * work tree, {@code git ls-files -s -v -z} gives each tracked file's blob id from the index and
 * {@code git ls-files -m -z} names the tracked files whose content differs from it; a regular file
 * (mode 100644 or 100755, stage 0, no assume-unchanged or skip-worktree bit) that is not among them
 * is keyed by its blob id. Every other file (untracked, modified, a symbolic link, outside git, or
 * git failing) is hashed the way git hashes a blob ({@code "blob <length>\0"} + content, SHA-1), so
 * both kinds of key are comparable and a cache restored into a fresh clone still matches.
 */
public final class ContentKeys {

    /** The length of a key in bytes (SHA-1). */
    public static final int LENGTH = 20;

    private final Path root;
    private final Map<String, String> environment;
    private final boolean useGit;
    private volatile Map<String, byte[]> clean;
    private volatile String source;
    private final Map<String, byte[]> hashed = new java.util.concurrent.ConcurrentHashMap<>();

    private ContentKeys(Path root, Map<String, String> environment, boolean useGit) {
        this.root = root;
        this.environment = environment;
        this.useGit = useGit;
    }

    /** Keys for the files under {@code root}, asking git (with the run's {@code environment}) when it is a work tree. */
    public static ContentKeys forRoot(Path root, Map<String, String> environment) {
        return new ContentKeys(root, environment, true);
    }

    /** Keys by content hashing alone. */
    public static ContentKeys hashingOnly(Path root) {
        return new ContentKeys(root, Map.of(), false);
    }

    /** The key of the file's current content, or null when it cannot be read. */
    public byte[] key(SourceFile f) {
        byte[] blob = clean().get(f.path());
        if (blob != null) {
            return blob;
        }
        byte[] known = hashed.get(f.path());
        if (known != null) {
            return known;
        }
        byte[] h = hash(f.absolute());
        if (h != null) {
            hashed.put(f.path(), h); // once per run, however many gates ask
        }
        return h;
    }

    /**
     * Starts asking git on a thread of its own (it stats every tracked file), so that it overlaps
     * the caller's walk of the tree; the first {@link #key} waits for it.
     */
    public ContentKeys prefetch() {
        if (useGit && clean == null) {
            Thread t = new Thread(this::clean, "content-keys");
            t.setDaemon(true);
            t.start();
        }
        return this;
    }

    /** "git index" or "content hashing", and why, once the keys were first asked for. */
    public String source() {
        clean();
        return source;
    }

    /** How many files are keyed by the git index. */
    public int cleanTracked() {
        return clean().size();
    }

    private Map<String, byte[]> clean() {
        Map<String, byte[]> c = clean;
        if (c == null) {
            synchronized (this) {
                if (clean == null) {
                    clean = useGit ? fromGit() : Map.of();
                    if (!useGit) {
                        source = "content hashing";
                    }
                }
                c = clean;
            }
        }
        return c;
    }

    private Map<String, byte[]> fromGit() {
        Git git = new Git(root, environment);
        Git.Result staged;
        Git.Result modified;
        try {
            staged = git.run("ls-files", "-s", "-v", "-z");
            if (staged.exit() != 0) {
                source = "content hashing (not a git work tree)";
                return Map.of();
            }
            modified = git.run("ls-files", "-m", "-z");
            if (modified.exit() != 0) {
                source = "content hashing (git ls-files -m failed: " + modified.error() + ")";
                return Map.of();
            }
        } catch (ConfigException e) {
            source = "content hashing (git cannot run)";
            return Map.of();
        }
        Set<String> dirty = new HashSet<>();
        for (String path : modified.out().split("\0")) {
            if (!path.isEmpty()) {
                dirty.add(path);
            }
        }
        Map<String, byte[]> out = new HashMap<>();
        HexFormat hex = HexFormat.of();
        // "<tag> <mode> <object> <stage>\t<path>": tag H is a plain cached entry
        for (String entry : staged.out().split("\0")) {
            int tab = entry.indexOf('\t');
            if (tab < 0 || !entry.startsWith("H ")) {
                continue;
            }
            String[] head = entry.substring(2, tab).split(" ");
            String path = entry.substring(tab + 1);
            if (head.length != 3 || !"0".equals(head[2]) || head[1].length() != 2 * LENGTH
                    || !("100644".equals(head[0]) || "100755".equals(head[0])) || dirty.contains(path)) {
                continue;
            }
            try {
                out.put(path, hex.parseHex(head[1]));
            } catch (IllegalArgumentException e) {
                // not a SHA-1 object id (a SHA-256 repository): such files are hashed
            }
        }
        source = "git index";
        return out;
    }

    /** git's blob id of the file's bytes, or null when it cannot be read whole. */
    public static byte[] hash(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            long size = Files.size(file);
            MessageDigest md = MessageDigest.getInstance("SHA-1");
            md.update(("blob " + size + "\0").getBytes(StandardCharsets.US_ASCII));
            byte[] buf = new byte[65536];
            long total = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
                total += n;
            }
            return total == size ? md.digest() : null; // changed while read: no key, so no hit and no entry
        } catch (IOException e) {
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** git's blob id of {@code bytes}. */
    public static byte[] hash(byte[] bytes) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-1");
            md.update(("blob " + bytes.length + "\0").getBytes(StandardCharsets.US_ASCII));
            return md.digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
