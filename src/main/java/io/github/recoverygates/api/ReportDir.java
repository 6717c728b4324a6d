package io.github.recoverygates.api;

import io.github.recoverygates.core.ConfigException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Where reports go when {@code --out} is not given: under the CI's private temporary directory
 * ({@code $RUNNER_TEMP} on GitHub Actions, {@code $WORKSPACE_TMP} on Jenkins), else a fresh directory
 * only this user can read (0700). Never a predictable shared path, never through a symlink we did not make.
 */
public final class ReportDir {

    public static final String NAME = "recovery-gates-report";

    private ReportDir() {
    }

    public static Path choose(Map<String, String> env) {
        for (String variable : new String[]{"RUNNER_TEMP", "WORKSPACE_TMP"}) {
            String value = env.get(variable);
            if (value != null && !value.isBlank()) {
                return Path.of(value).toAbsolutePath().normalize().resolve(NAME);
            }
        }
        try {
            return Files.createTempDirectory(NAME + "-", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            try {
                return Files.createTempDirectory(NAME + "-");
            } catch (IOException io) {
                throw new ConfigException("cannot create a report directory: " + io.getMessage() + "; give --out", io);
            }
        } catch (IOException e) {
            throw new ConfigException("cannot create a report directory: " + e.getMessage() + "; give --out", e);
        }
    }

    /** Creates {@code dir} (and its parents); a symlink at {@code dir} is refused. */
    public static void create(Path dir) throws IOException {
        if (Files.isSymbolicLink(dir)) {
            throw new IOException(dir + " is a symbolic link; refusing to write reports through it (give --out)");
        }
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new IOException(dir + " exists and is not a directory", e);
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(dir + " is not a directory");
        }
    }
}
