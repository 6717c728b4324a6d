package io.github.recoverygates.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;

/**
 * A per-gate cache of results keyed by file content: {@code <dir>/<gate>.cache}. The key of a file is
 * its {@link ContentKeys content key} (git's blob id: from the index for a clean tracked file, else
 * hashed); its size is only a pre-check, its mtime is not used, so a cache restored into a fresh
 * clone hits.
 *
 * <p>The file is compact and cheap to open: a header (format, engine version, a digest of the
 * {@code salt} the gate gives: interpreter, config), then one record per file (path, size, key,
 * value) and a CRC-32 of everything before it. A value is JSON bytes, decoded only when a lookup hits;
 * an empty JSON array (a clean file's findings) is stored as nothing and costs no parsing. A change
 * of salt or engine version empties the cache; a truncated, garbage or foreign file is ignored with a
 * {@link #notice()}, never fatal and never a hit.
 */
public final class ContentCache {

    private static final byte[] MAGIC = "RGCACHE\n".getBytes(StandardCharsets.US_ASCII);
    private static final int FORMAT = 2;
    private static final byte[] EMPTY_ARRAY = "[]".getBytes(StandardCharsets.US_ASCII);
    static final String ENGINE_VERSION = engineVersion();

    /** One file's record: the size and key it had, and its value's JSON bytes (empty for {@code []}). */
    private record Entry(long size, byte[] key, byte[] value) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Entry e && size == e.size && Arrays.equals(key, e.key) && Arrays.equals(value, e.value);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(size) * 31 + Arrays.hashCode(key);
        }
    }

    private final Path file;
    private final String header;
    private final ContentKeys keys;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    /** The file's records by path, made from {@link #raw} when first needed (a reused run never needs them). */
    private volatile Map<String, Entry> loaded = Map.of();
    /** The bytes of a cache file that passed the checks, and where and how many its records are; null when none. */
    private byte[] raw;
    private int recordsAt;
    private int count;
    private volatile boolean changed;
    private String notice;

    private ContentCache(Path file, String salt, ContentKeys keys) {
        this.file = file;
        this.header = ENGINE_VERSION + "\n" + sha256(salt);
        this.keys = keys;
    }

    /** The cache of {@code gate} in {@code dir}, keyed by content hashing alone. */
    public static ContentCache open(Path dir, String gate, String salt) {
        return open(dir, gate, salt, ContentKeys.hashingOnly(dir));
    }

    /** The cache of {@code gate} in {@code dir}, keyed by {@code keys} (the run's, shared by its gates). */
    public static ContentCache open(Path dir, String gate, String salt, ContentKeys keys) {
        ContentCache cache = new ContentCache(dir.resolve(gate + ".cache"), salt, keys);
        cache.load();
        return cache;
    }

    /** Why the cache file was not used (unreadable, truncated, not a cache), or null. */
    public String notice() {
        return notice;
    }

    private void load() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            notice = "the cache " + file + " cannot be read (" + e.getMessage() + "); every file is checked again";
            return;
        }
        try {
            check(bytes);
        } catch (IllegalStateException e) {
            notice = "the cache " + file + " is ignored (" + e.getMessage() + "); every file is checked again";
        }
    }

    /**
     * Checks a cache file whole (magic, checksum, every record's lengths) without making its records,
     * keeps its bytes when it belongs to this salt and engine version.
     */
    private void check(byte[] bytes) {
        if (bytes.length < MAGIC.length + 8 || !Arrays.equals(MAGIC, 0, MAGIC.length, bytes, 0, MAGIC.length)) {
            throw new IllegalStateException("not a cache file");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if ((int) crc.getValue() != in.getInt(bytes.length - 4)) {
            throw new IllegalStateException("truncated or damaged: checksum mismatch");
        }
        try {
            in.position(MAGIC.length);
            if (in.getInt() != FORMAT || !header.equals(string(in))) {
                return; // another engine, interpreter or config: a clean start, nothing to tell
            }
            int records = in.getInt();
            int start = in.position();
            for (int i = 0; i < records; i++) {
                skip(in, in.getInt());
                skip(in, Long.BYTES + ContentKeys.LENGTH);
                skip(in, in.getInt());
            }
            if (in.position() != bytes.length - 4) {
                throw new IllegalStateException("damaged: trailing bytes");
            }
            raw = bytes;
            recordsAt = start;
            count = records;
            loaded = null;
        } catch (RuntimeException e) {
            if (e instanceof IllegalStateException ise) {
                throw ise;
            }
            throw new IllegalStateException("damaged: " + e.getClass().getSimpleName());
        }
    }

    private static void skip(ByteBuffer in, int n) {
        if (n < 0 || n > in.remaining()) {
            throw new IllegalStateException("damaged: bad length");
        }
        in.position(in.position() + n);
    }

    private static Map.Entry<String, Entry> next(ByteBuffer in) {
        String path = string(in);
        long size = in.getLong();
        byte[] key = new byte[ContentKeys.LENGTH];
        in.get(key);
        byte[] value = new byte[in.getInt()];
        in.get(value);
        return Map.entry(path, new Entry(size, key, value));
    }

    /** The file's records by path, made on first use. */
    private Map<String, Entry> loaded() {
        Map<String, Entry> l = loaded;
        if (l == null) {
            synchronized (this) {
                if (loaded == null) {
                    ByteBuffer in = ByteBuffer.wrap(raw);
                    in.position(recordsAt);
                    Map<String, Entry> out = new HashMap<>(Math.max(16, count * 4 / 3 + 1));
                    for (int i = 0; i < count; i++) {
                        Map.Entry<String, Entry> e = next(in);
                        out.put(e.getKey(), e.getValue());
                    }
                    raw = null;
                    loaded = out;
                }
                l = loaded;
            }
        }
        return l;
    }

    private static String string(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) {
            throw new IllegalStateException("damaged: bad length");
        }
        byte[] b = new byte[n];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** The cached value for this file's current content, if any. */
    public Optional<JsonNode> lookup(SourceFile f) {
        Entry e = loaded().get(f.path());
        if (e == null || e.size != f.size()) {
            return Optional.empty();
        }
        byte[] key = keys.key(f);
        if (key == null || !Arrays.equals(key, e.key)) {
            return Optional.empty();
        }
        JsonNode value = decode(e.value);
        if (value == null) {
            return Optional.empty();
        }
        entries.put(f.path(), e);
        return Optional.of(value);
    }

    /** A value cached under a path without checking content: for results that are not about one file's bytes. */
    public Optional<JsonNode> peek(String path) {
        Entry e = loaded().get(path);
        return e == null ? Optional.empty() : Optional.ofNullable(decode(e.value));
    }

    public void put(SourceFile f, JsonNode value) {
        byte[] key = keys.key(f);
        if (key != null) {
            store(f, key, value);
        }
    }

    /**
     * Like {@link #put(SourceFile, JsonNode)} with the content key (git's blob id, lowercase hex) the
     * caller computed from the bytes it read; null computes it here.
     */
    public void put(SourceFile f, String contentKey, JsonNode value) {
        if (contentKey == null) {
            put(f, value);
            return;
        }
        byte[] key;
        try {
            key = HexFormat.of().parseHex(contentKey);
        } catch (IllegalArgumentException e) {
            return;
        }
        if (key.length == ContentKeys.LENGTH) {
            store(f, key, value);
        }
    }

    private void store(SourceFile f, byte[] key, JsonNode value) {
        Entry e = new Entry(f.size(), key, encode(value));
        Entry before = entries.put(f.path(), e);
        if (!e.equals(before)) {
            changed = true;
        }
    }

    /** Writes the entries of this run (files no longer present are dropped); an unchanged cache is not rewritten. */
    public void save() throws IOException {
        Map<String, Entry> l = loaded;
        if (!changed && entries.size() == (l == null ? count : l.size()) && notice == null && Files.isRegularFile(file)) {
            return;
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(64 + entries.size() * 96);
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.write(MAGIC);
            out.writeInt(FORMAT);
            writeString(out, header);
            Map<String, Entry> sorted = new TreeMap<>(entries);
            out.writeInt(sorted.size());
            for (Map.Entry<String, Entry> e : sorted.entrySet()) {
                writeString(out, e.getKey());
                out.writeLong(e.getValue().size);
                out.write(e.getValue().key);
                out.writeInt(e.getValue().value.length);
                out.write(e.getValue().value);
            }
        }
        CRC32 crc = new CRC32();
        byte[] body = buffer.toByteArray();
        crc.update(body);
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.write(tmp, body);
            Files.write(tmp, ByteBuffer.allocate(4).putInt((int) crc.getValue()).array(), java.nio.file.StandardOpenOption.APPEND);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    /** Keeps an entry of the previous run for a file this run did not look at (a shard, --changed-from). */
    public void carryOver(String path) {
        Entry e = loaded().get(path);
        if (e != null) {
            entries.putIfAbsent(path, e);
        }
    }

    private static byte[] encode(JsonNode value) {
        if (value.isArray() && value.isEmpty()) {
            return new byte[0];
        }
        try {
            byte[] b = Json.REPORT.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsBytes(value);
            return Arrays.equals(b, EMPTY_ARRAY) ? new byte[0] : b;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value, or null when its bytes do not parse (a miss, never a crash). */
    private static JsonNode decode(byte[] value) {
        if (value.length == 0) {
            return JsonNodeFactory.instance.arrayNode();
        }
        try {
            return Json.REPORT.readTree(value);
        } catch (IOException e) {
            return null;
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The engine's version as the build stamped it; a development build adds its jar's size, so a
     * rebuilt snapshot does not trust what an older one cached.
     */
    private static String engineVersion() {
        String v = "dev";
        try (java.io.InputStream in = ContentCache.class.getResourceAsStream("/io/github/recoverygates/render/version.properties")) {
            if (in != null) {
                java.util.Properties p = new java.util.Properties();
                p.load(in);
                v = p.getProperty("version", "dev").trim();
            }
        } catch (IOException e) {
            // unknown: treated as a development build
        }
        if (v.endsWith("SNAPSHOT") || v.startsWith("${") || "dev".equals(v)) {
            try {
                Path jar = Path.of(ContentCache.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                v += Files.isRegularFile(jar) ? " " + Files.size(jar) : "";
            } catch (IOException | RuntimeException | java.net.URISyntaxException e) {
                // classes from a directory (tests): the version alone
            }
        }
        return "recovery-gates " + v + " cache " + FORMAT;
    }
}
