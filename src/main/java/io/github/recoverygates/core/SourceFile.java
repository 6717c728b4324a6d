package io.github.recoverygates.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

/**
 * A regular file of the checked tree: its '/'-separated path relative to the root, its location,
 * and what the walk's stat said of it: size, modification time (nanoseconds since the epoch, as
 * precise as the file system keeps it) and inode number (-1 when unknown). The stat is what lets a
 * clean tracked file take its content key from the git index without being read ({@link ContentKeys}).
 */
public record SourceFile(String path, Path absolute, long size, long modifiedNanos, long inode) {

    /** The file as a walk's attributes describe it. */
    public static SourceFile of(String path, Path absolute, BasicFileAttributes attrs) {
        return new SourceFile(path, absolute, attrs.size(), attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                inode(attrs.fileKey()));
    }

    /** The file {@code path} under {@code root}, stat'ed now (following a link, as the walk does). */
    public static SourceFile at(Path root, String path) throws IOException {
        Path file = root.resolve(path);
        return of(path, file, Files.readAttributes(file, BasicFileAttributes.class));
    }

    /** A file known only by its size: its content key always comes from its bytes. */
    public static SourceFile unstated(String path, Path absolute, long size) {
        return new SourceFile(path, absolute, size, 0, -1);
    }

    /** The inode in a Unix file key, "(dev=fe00,ino=2147601)"; -1 for any other key. */
    private static long inode(Object fileKey) {
        String key = String.valueOf(fileKey);
        int at = key.indexOf("ino=");
        if (at < 0) {
            return -1;
        }
        long ino = 0;
        int i = at + 4;
        for (; i < key.length() && Character.isDigit(key.charAt(i)); i++) {
            ino = ino * 10 + (key.charAt(i) - '0');
        }
        return i == at + 4 ? -1 : ino;
    }

    public String extension() {
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        return dot > slash ? path.substring(dot + 1) : "";
    }

    public String fileName() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The first directory of the path, or "." for a file at the top. */
    public String topDirectory() {
        int slash = path.indexOf('/');
        return slash < 0 ? "." : path.substring(0, slash);
    }
}
