package io.github.recoverygates.repair;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code --apply}: writes each change, after keeping the file's bytes in the backup directory.
 * Never through a symbolic link, never outside the root, never over a file that changed since
 * it was read; each file is replaced atomically with its permissions kept.
 */
final class Applier {

    /** What happened to one change. */
    record Written(Change change, boolean ok, String reason) {
    }

    private final Path root;
    private final Path realRoot;
    private final Path backupDir;

    Applier(Path root, Path backupDir) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.realRoot = this.root.toRealPath();
        this.backupDir = backupDir.toAbsolutePath().normalize();
    }

    List<Written> apply(List<Change> changes) {
        List<Written> out = new ArrayList<>();
        for (Change c : changes) {
            try {
                String refusal = c.creates() ? create(c) : replace(c);
                out.add(new Written(c, refusal == null, refusal));
            } catch (IOException | RuntimeException e) {
                out.add(new Written(c, false, "could not write it: " + e.getMessage()));
            }
        }
        return out;
    }

    /** Where a relative path points, or null when it leaves the root. */
    private Path target(String path) {
        Path t = root.resolve(path).normalize();
        return t.startsWith(root) && !t.equals(root) ? t : null;
    }

    /** Whether the nearest existing ancestor of {@code p} is, with links resolved, inside the root. */
    private boolean parentInside(Path p) throws IOException {
        Path dir = p.getParent();
        while (dir != null && !Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            dir = dir.getParent();
        }
        return dir != null && dir.toRealPath().startsWith(realRoot);
    }

    private String replace(Change c) throws IOException {
        Path t = target(c.path());
        if (t == null) {
            return "its path leaves the root";
        }
        if (Files.isSymbolicLink(t)) {
            return "it is a symbolic link: not written through";
        }
        if (!parentInside(t)) {
            return "its directory is a symbolic link out of the root: not written through";
        }
        BasicFileAttributes attrs = Files.readAttributes(t, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attrs.isRegularFile()) {
            return "it is not a regular file";
        }
        byte[] now = Files.readAllBytes(t);
        if (!SourceBytes.sha256(now).equals(c.sha256())) {
            return "it changed since it was read: not overwritten";
        }
        Path backup = backupDir.resolve(c.path()).normalize();
        if (!backup.startsWith(backupDir)) {
            return "its backup path leaves the backup directory";
        }
        Files.createDirectories(backup.getParent());
        Files.write(backup, now);
        Path tmp = Files.createTempFile(t.getParent(), "." + t.getFileName() + ".", ".repair");
        try {
            Files.write(tmp, bytes(c), StandardOpenOption.TRUNCATE_EXISTING);
            PosixFileAttributeView view = Files.getFileAttributeView(t, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
            if (view != null) {
                Set<PosixFilePermission> perms = view.readAttributes().permissions();
                Files.setPosixFilePermissions(tmp, perms);
            }
            try {
                Files.move(tmp, t, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, t, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return null;
    }

    private String create(Change c) throws IOException {
        Path t = target(c.path());
        if (t == null) {
            return "its path leaves the root";
        }
        if (Files.exists(t, LinkOption.NOFOLLOW_LINKS)) {
            return "it exists already";
        }
        if (!parentInside(t)) {
            return "its directory is a symbolic link out of the root: not written through";
        }
        Files.createDirectories(t.getParent());
        if (!t.getParent().toRealPath().startsWith(realRoot)) {
            return "its directory is a symbolic link out of the root: not written through";
        }
        Files.write(t, bytes(c), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return null;
    }

    private static byte[] bytes(Change c) {
        byte[] body = c.after().getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[c.bom().length + body.length];
        System.arraycopy(c.bom(), 0, out, 0, c.bom().length);
        System.arraycopy(body, 0, out, c.bom().length, body.length);
        return out;
    }
}
