package io.github.recoverygates.core;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The I-th of N deterministic slices of a file set ({@code --shard I/N}, I from 1). A file's slice
 * depends only on its relative path, so every machine agrees without talking to the others.
 */
public record Shard(int index, int count) {

    public static final Shard ALL = new Shard(1, 1);

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new ConfigException("--shard must be I/N with 1 <= I <= N, got " + index + "/" + count);
        }
    }

    public static Shard parse(String text) {
        String[] parts = text.split("/");
        try {
            if (parts.length == 2) {
                return new Shard(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigException("--shard must look like 2/4 (the 2nd of 4 slices), got '" + text + "'");
    }

    public boolean contains(String relativePath) {
        if (count == 1) {
            return true;
        }
        CRC32 crc = new CRC32();
        crc.update(relativePath.getBytes(StandardCharsets.UTF_8));
        return crc.getValue() % count == index - 1;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
