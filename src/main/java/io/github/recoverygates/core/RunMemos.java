package io.github.recoverygates.core;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * Whole-run memos: what a gate's run gave, kept for the next run whose inputs have exactly the same
 * {@link Key}. A memo lives in a file of its own beside the gate's {@link ContentCache},
 * {@code <dir>/<gate>.run}, so a run that reuses it reads only that file, never the per-file cache.
 *
 * <p>The file: a magic, the format, the engine version (a memo of another build is never read), the
 * 32-byte key, the payload (the gate's own bytes, written with {@link MemoBytes.Out}) and a CRC-32 of
 * everything before it. A truncated or garbage file is a miss with a notice, never an error or a hit.
 */
public final class RunMemos {

    private static final byte[] MAGIC = "RGMEMO\n\0".getBytes(StandardCharsets.US_ASCII);
    private static final int FORMAT = 1;
    /** The length of a key: SHA-256. */
    public static final int KEY_LENGTH = 32;

    private RunMemos() {
    }

    /** A stored memo: the key of the run that made it and its payload, not yet decoded. */
    public record Memo(byte[] key, MemoBytes.In payload) {
        /** Whether this memo is for a run with exactly {@code runKey}; a null key matches nothing. */
        public boolean matches(byte[] runKey) {
            return runKey != null && MessageDigest.isEqual(key, runKey);
        }
    }

    /** The memo file of {@code gate} in the cache directory {@code dir}. */
    public static Path file(Path dir, String gate) {
        return dir.resolve(gate + ".run");
    }

    /**
     * The memo of {@code gate} in {@code dir}: empty when there is none, it belongs to another engine
     * version, or it is damaged (then {@code notice} is told why).
     */
    public static Optional<Memo> read(Path dir, String gate, Consumer<String> notice) {
        Path file = file(dir, gate);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            notice.accept("the run memo " + file + " cannot be read (" + e.getMessage() + "); the run is done again");
            return Optional.empty();
        }
        try {
            return parse(bytes);
        } catch (IllegalStateException e) {
            notice.accept("the run memo " + file + " is ignored (" + e.getMessage() + "); the run is done again");
            return Optional.empty();
        }
    }

    private static Optional<Memo> parse(byte[] bytes) {
        if (bytes.length < MAGIC.length + 8 || !Arrays.equals(MAGIC, 0, MAGIC.length, bytes, 0, MAGIC.length)) {
            throw new IllegalStateException("not a run memo");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        if ((int) crc.getValue() != ByteBuffer.wrap(bytes).getInt(bytes.length - 4)) {
            throw new IllegalStateException("truncated or damaged: checksum mismatch");
        }
        MemoBytes.In in = new MemoBytes.In(ByteBuffer.wrap(bytes, MAGIC.length, bytes.length - 4 - MAGIC.length));
        try {
            if (in.integer() != FORMAT || !ContentCache.ENGINE_VERSION.equals(in.string())) {
                return Optional.empty(); // another build: a clean start, nothing to tell
            }
            byte[] key = in.bytes();
            return key.length == KEY_LENGTH ? Optional.of(new Memo(key, in)) : Optional.empty();
        } catch (RuntimeException e) {
            throw new IllegalStateException("damaged: " + e.getClass().getSimpleName());
        }
    }

    /** Keeps {@code payload} as the memo of {@code gate} for runs with {@code key}, replacing the file atomically. */
    public static void write(Path dir, String gate, byte[] key, MemoBytes.Out payload) throws IOException {
        MemoBytes.Out out = new MemoBytes.Out();
        out.integer(FORMAT).string(ContentCache.ENGINE_VERSION).bytes(key);
        byte[] head = out.toByteArray();
        byte[] body = payload.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(MAGIC);
        crc.update(head);
        crc.update(body);
        Files.createDirectories(dir);
        Path file = file(dir, gate);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            Files.write(tmp, MAGIC);
            Files.write(tmp, head, StandardOpenOption.APPEND);
            Files.write(tmp, body, StandardOpenOption.APPEND);
            Files.write(tmp, ByteBuffer.allocate(4).putInt((int) crc.getValue()).array(), StandardOpenOption.APPEND);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * The digest of everything a run reads, fed as bytes: every item is typed and length-prefixed, so
     * no two different sequences of items give the same input (no separator a value could contain).
     * Made for tens of thousands of items per run: nothing is concatenated into strings.
     */
    public static final class Key {
        private final MessageDigest md;
        private final ByteBuffer buffer = ByteBuffer.allocate(1 << 14);

        public Key() {
            try {
                md = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        public Key text(String s) {
            if (s == null) {
                return tag('n');
            }
            return tag('s').bytes(s.getBytes(StandardCharsets.UTF_8));
        }

        public Key number(long n) {
            room(9);
            buffer.put((byte) 'l').putLong(n);
            return this;
        }

        public Key flag(boolean b) {
            return tag(b ? 'T' : 'F');
        }

        /** Length-prefixed bytes (a content key, a file's bytes). */
        public Key bytes(byte[] b) {
            room(5);
            buffer.put((byte) 'b').putInt(b.length);
            if (b.length > buffer.remaining()) {
                flush();
                md.update(b);
            } else {
                buffer.put(b);
            }
            return this;
        }

        /**
         * A config value, with its structure: null, strings, booleans, numbers, durations, paths, enums, collections (in
         * their order), maps (in their order) and records (by their components); anything else is refused
         * with an {@link IllegalArgumentException}, so a value that cannot be written down gives no key.
         */
        public Key value(Object v) {
            if (v == null) {
                return tag('n');
            } else if (v instanceof String s) {
                return text(s);
            } else if (v instanceof Boolean b) {
                return flag(b);
            } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
                return number(((Number) v).longValue());
            } else if (v instanceof Double || v instanceof Float) {
                return tag('d').number(Double.doubleToLongBits(((Number) v).doubleValue()));
            } else if (v instanceof java.time.Duration d) {
                return tag('t').number(d.getSeconds()).number(d.getNano());
            } else if (v instanceof Path p) {
                return tag('p').text(p.toString());
            } else if (v instanceof Enum<?> e) {
                return tag('e').text(e.getDeclaringClass().getName()).text(e.name());
            } else if (v instanceof Collection<?> c) {
                tag('c').number(c.size());
                c.forEach(this::value);
                return this;
            } else if (v instanceof Map<?, ?> m) {
                tag('m').number(m.size());
                m.forEach((k, x) -> value(k).value(x));
                return this;
            } else if (v instanceof Record r) {
                return record(r);
            }
            throw new IllegalArgumentException("no key for a " + v.getClass().getName());
        }

        private Key record(Record r) {
            RecordComponent[] components = r.getClass().getRecordComponents();
            tag('r').text(r.getClass().getName()).number(components.length);
            for (RecordComponent c : components) {
                try {
                    java.lang.reflect.Method accessor = c.getAccessor();
                    accessor.trySetAccessible();
                    value(accessor.invoke(r));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalArgumentException("no key for " + r.getClass().getName() + "." + c.getName(), e);
                }
            }
            return this;
        }

        /** Where the run's config came from and that file's bytes (findings quote its lines), or that there is none. */
        public Key configFile(GateContext context) {
            String source = String.valueOf(context.config().source());
            text(source);
            try {
                return bytes(Files.readAllBytes(Path.of(source)));
            } catch (IOException | RuntimeException e) {
                return text("no config file");
            }
        }

        /** The digest of everything fed so far ({@link #KEY_LENGTH} bytes); the key is spent. */
        public byte[] digest() {
            flush();
            return md.digest();
        }

        private Key tag(char t) {
            room(1);
            buffer.put((byte) t);
            return this;
        }

        private void room(int n) {
            if (buffer.remaining() < n) {
                flush();
            }
        }

        private void flush() {
            md.update(buffer.array(), 0, buffer.position());
            buffer.clear();
        }
    }
}
