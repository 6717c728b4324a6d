package io.github.recoverygates.core;

import java.nio.file.Path;

/** A regular file of the checked tree: its '/'-separated path relative to the root, its location, size and mtime. */
public record SourceFile(String path, Path absolute, long size, long modifiedMillis) {

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
