package io.github.recoverygates.repair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.recoverygates.core.Config;
import io.github.recoverygates.core.ConfigException;
import io.github.recoverygates.core.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** --apply never writes through a symbolic link, outside the root or over a file that changed; odd files are findings. */
class ApplySafetyTest {

    static final String BROKEN = "def f():\n    return 1\n        return 2\n";
    static final String REPAIRED = "def f():\n    return 1\n    return 2\n";

    @TempDir
    Path temp;

    @Test
    @DisplayName("a link to a file inside the root is not written through; the file itself is, with its permissions")
    void linkInsideTheRoot() throws Exception {
        Path root = Files.createDirectories(temp.resolve("repo"));
        Path real = RepairRun.write(root, "pkg/real.py", BROKEN);
        Files.setPosixFilePermissions(real, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_READ));
        Files.createSymbolicLink(root.resolve("pkg/link.py"), Path.of("real.py"));

        Repair.Result result = RepairRun.apply(root, temp.resolve("kept"));

        assertThat(Files.isSymbolicLink(root.resolve("pkg/link.py"))).isTrue();
        assertThat(Files.readString(real)).isEqualTo(REPAIRED);
        assertThat(Files.getPosixFilePermissions(real)).contains(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_READ);
        assertThat(RepairRun.file(result, "pkg/real.py").status()).isEqualTo(RepairReport.Status.APPLIED);
        RepairReport.FileRepair link = RepairRun.file(result, "pkg/link.py");
        assertThat(link.status()).isEqualTo(RepairReport.Status.REFUSED);
        assertThat(link.reason()).contains("symbolic link");
    }

    @Test
    @DisplayName("a directory that links out of the root is never walked, so nothing outside is written")
    void linkOutOfTheRoot() throws Exception {
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Path victim = RepairRun.write(outside, "victim.py", BROKEN);
        Path root = Files.createDirectories(temp.resolve("repo"));
        RepairRun.write(root, "pkg/own.py", BROKEN);
        Files.createSymbolicLink(root.resolve("pkg/escape"), outside);

        Repair.Result result = RepairRun.apply(root, temp.resolve("kept"));

        assertThat(Files.readString(victim)).isEqualTo(BROKEN);
        assertThat(result.report().files()).extracting(RepairReport.FileRepair::path).containsExactly("pkg/own.py");
    }

    @Test
    @DisplayName("a file that changed after it was read is not overwritten; a path out of the root is refused")
    void staleAndEscaping() throws Exception {
        Path root = Files.createDirectories(temp.resolve("repo"));
        Path file = RepairRun.write(root, "a.py", BROKEN);
        String readSha = SourceBytes.sha256(BROKEN.getBytes(StandardCharsets.UTF_8));
        Files.writeString(file, BROKEN + "# edited meanwhile\n");
        List<Applier.Written> written = new Applier(root, temp.resolve("kept")).apply(List.of(
                new Change("a.py", BROKEN, REPAIRED, new byte[0], readSha),
                new Change("../escape.py", null, "X = 1\n", new byte[0], null)));
        assertThat(written.get(0).ok()).isFalse();
        assertThat(written.get(0).reason()).contains("changed since it was read");
        assertThat(Files.readString(file)).isEqualTo(BROKEN + "# edited meanwhile\n");
        assertThat(written.get(1).ok()).isFalse();
        assertThat(written.get(1).reason()).contains("leaves the root");
        assertThat(temp.resolve("escape.py")).doesNotExist();
    }

    @Test
    @DisplayName("a restored module is not created through a directory that links out of the root")
    void noCreationThroughALink() throws Exception {
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Path root = Files.createDirectories(temp.resolve("repo"));
        Files.createSymbolicLink(root.resolve("fixtures"), outside);
        List<Applier.Written> written = new Applier(root, temp.resolve("kept"))
                .apply(List.of(new Change("fixtures/mock.py", null, "X = 1\n", new byte[0], null)));
        assertThat(written.get(0).ok()).isFalse();
        assertThat(written.get(0).reason()).contains("symbolic link out of the root");
        assertThat(outside.resolve("mock.py")).doesNotExist();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    @DisplayName("a named pipe called .py and a file above syntax.maxFileSize are findings, not a hang or a crash")
    void specialAndHugeFiles() throws Exception {
        Path root = Files.createDirectories(temp.resolve("repo"));
        Process mkfifo = new ProcessBuilder("mkfifo", root.resolve("pipe.py").toString()).start();
        assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo is not available");
        RepairRun.write(root, "huge.py", "x = [\n" + "    1,\n".repeat(200) + "\n");
        Config config = RepairRun.config(root).with("syntax.maxFileSize", Json.REPORT.valueToTree("512"));

        Repair.Result result = new Repair(null).run(new Repair.Request(root, List.of(), null, true, temp.resolve("kept"), 1,
                System.getenv()), config, null);

        RepairReport.FileRepair huge = RepairRun.file(result, "huge.py");
        assertThat(huge.status()).isEqualTo(RepairReport.Status.REFUSED);
        assertThat(huge.reason()).contains("larger than syntax.maxFileSize");
        assertThat(result.report().files()).extracting(RepairReport.FileRepair::path).doesNotContain("pipe.py");
        assertThat(result.changes()).isEmpty();
    }

    @Test
    @DisplayName("--backup-dir inside the root is refused unless the gates exclude it (backups/)")
    void backupDirInsideTheRoot() throws Exception {
        Path root = Files.createDirectories(temp.resolve("repo"));
        RepairRun.write(root, "a.py", BROKEN);
        assertThatThrownBy(() -> new Repair(null).run(new Repair.Request(root, List.of(), null, true, root.resolve("kept"), 1,
                System.getenv()), RepairRun.config(root), null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--backup-dir");
        assertThat(Files.readString(root.resolve("a.py"))).isEqualTo(BROKEN);

        new Repair(null).run(new Repair.Request(root, List.of(), null, true, root.resolve("backups/repair-1"), 1, System.getenv()),
                RepairRun.config(root), null);
        assertThat(root.resolve("backups/repair-1/a.py")).hasContent(BROKEN);
        assertThat(Files.readString(root.resolve("a.py"))).isEqualTo(REPAIRED);
    }
}
