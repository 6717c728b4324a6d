package io.github.recoverygates.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.function.Predicate;

/**
 * The key of a whole run's memo: a SHA-256 over everything the run reads, fed field by field. Texts
 * end with a zero byte, so that no two sequences of fields give the same bytes; a listing adds each
 * file's path, size and (for the files the run reads) content key. The bytes go through a buffer of
 * their own: on a warm run the listing is most of the work, one small update per field would be more.
 */
public final class RunKey {

    private final MessageDigest digest;
    private final byte[] buffer = new byte[1 << 16];
    private int used;

    private RunKey(MessageDigest digest) {
        this.digest = digest;
    }

    /** A key that starts with {@code version}: bump it when what a run reads changes. */
    public static RunKey of(String version) {
        try {
            return new RunKey(MessageDigest.getInstance("SHA-256")).text(version);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    public RunKey text(String text) {
        bytes(text.getBytes(StandardCharsets.UTF_8));
        return put((byte) 0);
    }

    /** The file's bytes, or a marker that it could not be read (a missing config file, say). */
    public RunKey file(Path file) {
        try {
            byte[] content = Files.readAllBytes(file);
            return text(String.valueOf(content.length)).bytes(content);
        } catch (IOException | RuntimeException e) {
            return text("no file " + file);
        }
    }

    /** The gate's section of the config as the run sees it, and the config file it came from (findings name its lines). */
    public RunKey config(GateContext context, Object section) {
        try {
            text(Json.REPORT.writeValueAsString(section));
        } catch (IOException e) {
            throw new IllegalStateException("the config section cannot be written down: " + e.getMessage(), e);
        }
        String source = String.valueOf(context.config().source());
        text(source);
        return context.config().source() == null ? text("no config file") : file(Path.of(source));
    }

    /**
     * Every listed file's path and size, and the content key of those {@code read} accepts. False when
     * one of those has no key (it could not be read): such a run has no memo.
     */
    public boolean listing(List<SourceFile> files, Predicate<SourceFile> read, ContentKeys keys) {
        for (SourceFile f : files) {
            text(f.path());
            putLong(f.size());
            if (read.test(f)) {
                byte[] key = keys.key(f);
                if (key == null) {
                    return false;
                }
                put((byte) 1).bytes(key);
            } else {
                put((byte) 0);
            }
        }
        return true;
    }

    /** The key; this builder is done after it. */
    public byte[] digest() {
        digest.update(buffer, 0, used);
        used = 0;
        return digest.digest();
    }

    private RunKey bytes(byte[] bytes) {
        if (bytes.length > buffer.length - used) {
            digest.update(buffer, 0, used);
            used = 0;
            if (bytes.length > buffer.length) {
                digest.update(bytes);
                return this;
            }
        }
        System.arraycopy(bytes, 0, buffer, used, bytes.length);
        used += bytes.length;
        return this;
    }

    private RunKey put(byte b) {
        if (used == buffer.length) {
            digest.update(buffer, 0, used);
            used = 0;
        }
        buffer[used++] = b;
        return this;
    }

    private void putLong(long value) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            put((byte) (value >>> shift));
        }
    }
}
