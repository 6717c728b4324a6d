package io.github.recoverygates.repair;

/**
 * A proven change to one file of the repository.
 *
 * @param path   relative to the root, '/'-separated
 * @param before the file's text as read (null when the change creates the file)
 * @param after  the text it gets
 * @param bom    bytes written before the text (a UTF-8 byte order mark the file had), may be empty
 * @param sha256 of the bytes read (null when created): --apply writes only over exactly those bytes
 */
record Change(String path, String before, String after, byte[] bom, String sha256) {

    boolean creates() {
        return before == null;
    }

    String beforeOrEmpty() {
        return before == null ? "" : before;
    }
}
