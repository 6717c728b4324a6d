package io.github.recoverygates.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * What identifies a file's content without reading it where that is safe: git's blob id. In a git
 * work tree, {@code git ls-files -s -v -z --debug} gives each tracked file's blob id from the index
 * with the stat git recorded when it last wrote the file's entry. A regular file (mode 100644 or
 * 100755, stage 0, no assume-unchanged, skip-worktree or intent-to-add bit) whose walk stat matches
 * its entry (size, modification time to the nanosecond, inode) and whose modification time is older
 * than the index file's is keyed by its blob id: git wrote that stat after writing the content, so
 * the bytes are those it hashed. This is git's own stat check, compared as precisely as the file
 * system keeps time (git as most distributions build it compares whole seconds, and so re-reads
 * every file written in the second the index was, which in a fresh clone is thousands), without the
 * change time: a file rewritten in place to the same size with its modification time set back to
 * the nanosecond is taken as unchanged, as git takes it with {@code core.trustctime=false}.
 * Every other file (untracked, modified, touched, racily clean, a symbolic link, outside git, or git
 * failing) is hashed the way git hashes a blob ({@code "blob <length>\0"} + content, SHA-1), so
 * both kinds of key are comparable and a cache restored into a fresh clone still matches.
 */
public final class ContentKeys {

    /** The length of a key in bytes (SHA-1). */
    public static final int LENGTH = 20;
    /** The blob id of an empty file: a tracked empty file's entry records size 0 truthfully. */
    private static final byte[] EMPTY_BLOB = HexFormat.of().parseHex("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");

    private final Path root;
    private final Map<String, String> environment;
    private final boolean useGit;
    private volatile Index index;
    private volatile String source;
    private final Map<String, byte[]> hashed = new java.util.concurrent.ConcurrentHashMap<>();
    private final LongAdder fromIndex = new LongAdder();

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
        byte[] blob = index().cleanBlob(f);
        if (blob != null) {
            fromIndex.increment();
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
     * Starts asking git on a thread of its own, so that it overlaps the caller's walk of the tree;
     * the first {@link #key} waits for it.
     */
    public ContentKeys prefetch() {
        if (useGit && index == null) {
            Thread t = new Thread(this::index, "content-keys");
            t.setDaemon(true);
            t.start();
        }
        return this;
    }

    /** "git index" or "content hashing", and why, once the keys were first asked for. */
    public String source() {
        index();
        return source;
    }

    /** How many keys so far came from the git index rather than from the file's bytes. */
    public long keyedByIndex() {
        return fromIndex.sum();
    }

    private Index index() {
        Index i = index;
        if (i == null) {
            synchronized (this) {
                if (index == null) {
                    index = useGit ? fromGit() : Index.NONE;
                    if (!useGit) {
                        source = "content hashing";
                    }
                }
                i = index;
            }
        }
        return i;
    }

    /** One index entry that may stand for its file: the blob id and the stat git recorded. */
    private record Entry(byte[] blob, long size, long mtimeSeconds, long mtimeNanos, long inode) {
    }

    /** The usable entries by path, and the index file's modification time (nanoseconds since the epoch). */
    private record Index(Map<String, Entry> entries, long writtenNanos) {
        static final Index NONE = new Index(Map.of(), Long.MIN_VALUE);

        /** The entry's blob id when the walk's stat of {@code f} says the file is still what git hashed; else null. */
        byte[] cleanBlob(SourceFile f) {
            Entry e = entries.get(f.path());
            if (e == null || f.modifiedNanos() >= writtenNanos) {
                return null; // not tracked as a plain file, or written as late as the index: racily clean at best
            }
            long seconds = Math.floorDiv(f.modifiedNanos(), 1_000_000_000L);
            long nanos = Math.floorMod(f.modifiedNanos(), 1_000_000_000L);
            boolean same = (f.size() & 0xffffffffL) == e.size() // the index keeps the size's low 32 bits
                    && (seconds & 0xffffffffL) == e.mtimeSeconds() && nanos == e.mtimeNanos()
                    && (f.inode() < 0 || (f.inode() & 0xffffffffL) == e.inode())
                    && (e.size() != 0 || Arrays.equals(e.blob(), EMPTY_BLOB)); // size 0: git smudged a racy entry
            return same ? e.blob() : null;
        }
    }

    private Index fromGit() {
        Git git = new Git(root, environment);
        Git.Result where;
        Git.Result staged;
        long written;
        try {
            where = git.run("rev-parse", "--git-path", "index");
            if (where.exit() != 0 || where.lines().isEmpty()) {
                source = "content hashing (not a git work tree)";
                return Index.NONE;
            }
            try { // before the listing: an index rewritten meanwhile only makes entries look racier
                written = Files.getLastModifiedTime(root.resolve(where.lines().get(0))).to(TimeUnit.NANOSECONDS);
            } catch (IOException | RuntimeException e) {
                source = "content hashing (the git index cannot be read: " + e.getMessage() + ")";
                return Index.NONE;
            }
            staged = git.run("ls-files", "-s", "-v", "-z", "--debug");
            if (staged.exit() != 0) {
                source = "content hashing (git ls-files failed: " + staged.error() + ")";
                return Index.NONE;
            }
        } catch (ConfigException e) {
            source = "content hashing (git cannot run)";
            return Index.NONE;
        }
        try {
            Index parsed = new Index(parse(staged.out()), written);
            source = "git index";
            return parsed;
        } catch (RuntimeException e) {
            source = "content hashing (git ls-files gave an unexpected listing)";
            return Index.NONE;
        }
    }

    /**
     * The plain entries of a listing: per entry {@code "<tag> <mode> <object> <stage>\t<path>\0"} then five
     * lines {@code "  ctime: s:ns", "  mtime: s:ns", "  dev: d\tino: i", "  uid: u\tgid: g", "  size: n\tflags: hex"}.
     * One pass over the text, no regex: a large index gives megabytes of it.
     */
    static Map<String, Entry> parse(String listing) {
        Map<String, Entry> out = new HashMap<>();
        Scanner in = new Scanner(listing);
        while (!in.done()) {
            String tag = in.until(' ');
            String mode = in.until(' ');
            String object = in.until(' ');
            String stage = in.until('\t');
            String path = in.until('\0');
            in.expect("  ctime: ").number(':', 10);
            in.number('\n', 10);
            long seconds = in.expect("  mtime: ").number(':', 10);
            long nanos = in.number('\n', 10);
            in.expect("  dev: ").number('\t', 10);
            long inode = in.expect("ino: ").number('\n', 10);
            in.until('\n'); // uid and gid
            long size = in.expect("  size: ").number('\t', 10);
            long flags = in.expect("flags: ").number('\n', 16);
            // tag H: a plain cached entry; h (assume unchanged) and S (skip worktree) are not trusted
            boolean plain = "H".equals(tag) && "0".equals(stage) && object.length() == 2 * LENGTH
                    && ("100644".equals(mode) || "100755".equals(mode))
                    && (flags & (0x8000L | 0x3000L | (1L << 29) | (1L << 30))) == 0; // valid, stage, intent-to-add, skip-worktree
            if (plain) {
                try {
                    out.put(path, new Entry(HexFormat.of().parseHex(object), size, seconds, nanos, inode));
                } catch (IllegalArgumentException e) {
                    // not a SHA-1 object id (a SHA-256 repository): such files are hashed
                }
            }
        }
        return out;
    }

    /** A cursor over a listing; anything but the expected shape is an {@link IllegalStateException}. */
    private static final class Scanner {
        private final String text;
        private int at;

        Scanner(String text) {
            this.text = text;
        }

        boolean done() {
            return at >= text.length();
        }

        /** The text up to {@code end}, which is consumed. */
        String until(char end) {
            int i = text.indexOf(end, at);
            if (i < 0) {
                throw new IllegalStateException("truncated entry");
            }
            String s = text.substring(at, i);
            at = i + 1;
            return s;
        }

        Scanner expect(String literal) {
            if (!text.startsWith(literal, at)) {
                throw new IllegalStateException("expected '" + literal.strip() + "' at offset " + at);
            }
            at += literal.length();
            return this;
        }

        /** A non-negative number in {@code radix} up to {@code end}, which is consumed. */
        long number(char end, int radix) {
            long n = 0;
            int start = at;
            for (; at < text.length() && text.charAt(at) != end; at++) {
                int d = Character.digit(text.charAt(at), radix);
                if (d < 0 || n > (Long.MAX_VALUE - d) / radix) {
                    throw new IllegalStateException("not a number at offset " + at);
                }
                n = n * radix + d;
            }
            if (at == start || at >= text.length()) {
                throw new IllegalStateException("truncated entry");
            }
            at++;
            return n;
        }
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
