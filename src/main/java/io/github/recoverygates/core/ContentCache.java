package io.github.recoverygates.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A per-gate cache of results keyed by file content: {@code <dir>/<gate>.json}. A file whose size
 * and mtime are unchanged is trusted without reading it; otherwise its SHA-256 decides, so a touched
 * but unchanged file is still a hit. The {@code salt} (interpreter version, gate config) invalidates
 * everything when it changes. A corrupt cache file is ignored, never fatal.
 */
public final class ContentCache {

    private record Entry(long size, long mtime, String sha256, JsonNode value) {
    }

    private final Path file;
    private final String salt;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, Entry> loaded = new ConcurrentHashMap<>();

    private ContentCache(Path file, String salt) {
        this.file = file;
        this.salt = salt;
    }

    public static ContentCache open(Path dir, String gate, String salt) {
        ContentCache cache = new ContentCache(dir.resolve(gate + ".json"), salt);
        cache.load();
        return cache;
    }

    private void load() {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            JsonNode root = Json.REPORT.readTree(file.toFile());
            if (!salt.equals(root.path("salt").asText())) {
                return;
            }
            root.path("entries").fields().forEachRemaining(e -> {
                JsonNode n = e.getValue();
                loaded.put(e.getKey(), new Entry(n.path("size").asLong(), n.path("mtime").asLong(),
                        n.path("sha256").asText(), n.path("value")));
            });
        } catch (IOException | RuntimeException e) {
            loaded.clear(); // a broken cache costs a rescan, nothing more
        }
    }

    /** The cached value for this file's current content, if any. */
    public Optional<JsonNode> lookup(SourceFile f) {
        Entry e = loaded.get(f.path());
        if (e == null) {
            return Optional.empty();
        }
        if (e.size == f.size() && e.mtime == f.modifiedMillis()) {
            entries.put(f.path(), e);
            return Optional.of(e.value);
        }
        if (e.size != f.size()) {
            return Optional.empty();
        }
        String hash = sha256(f.absolute());
        if (hash != null && hash.equals(e.sha256)) {
            entries.put(f.path(), new Entry(f.size(), f.modifiedMillis(), hash, e.value));
            return Optional.of(e.value);
        }
        return Optional.empty();
    }

    /** A value cached under a path without checking content: for results that are not about one file's bytes. */
    public Optional<JsonNode> peek(String path) {
        Entry e = loaded.get(path);
        return e == null ? Optional.empty() : Optional.of(e.value);
    }

    public void put(SourceFile f, JsonNode value) {
        String hash = sha256(f.absolute());
        if (hash != null) {
            entries.put(f.path(), new Entry(f.size(), f.modifiedMillis(), hash, value));
        }
    }

    /** Like {@link #put(SourceFile, JsonNode)} with a SHA-256 (lowercase hex) the caller already computed from the bytes it read. */
    public void put(SourceFile f, String sha256, JsonNode value) {
        if (sha256 == null) {
            put(f, value);
        } else {
            entries.put(f.path(), new Entry(f.size(), f.modifiedMillis(), sha256, value));
        }
    }

    /** Writes the entries of this run (files no longer present are dropped); an unchanged cache is not rewritten. */
    public void save() throws IOException {
        if (entries.equals(loaded) && Files.isRegularFile(file)) {
            return;
        }
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("salt", salt);
        ObjectNode out = root.putObject("entries");
        entries.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            ObjectNode n = out.putObject(e.getKey());
            n.put("size", e.getValue().size).put("mtime", e.getValue().mtime).put("sha256", e.getValue().sha256);
            n.set("value", e.getValue().value);
        });
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        Json.REPORT.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                .writeValue(tmp.toFile(), root);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Keeps an entry of the previous run for a file this run did not look at (a shard, --changed-from). */
    public void carryOver(String path) {
        Entry e = loaded.get(path);
        if (e != null) {
            entries.putIfAbsent(path, e);
        }
    }

    static String sha256(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[65536];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
