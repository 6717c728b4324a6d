package io.github.recoverygates.repair;

import io.github.recoverygates.api.Engine;
import io.github.recoverygates.core.Config;
import io.github.recoverygates.core.ConfigLoader;
import io.github.recoverygates.core.SecretMasker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Runs {@link Repair} as the CLI does, on a tree a test wrote, with the real python3. */
final class RepairRun {

    private RepairRun() {
    }

    static Path write(Path root, String relative, String text) throws IOException {
        return write(root, relative, text.getBytes(StandardCharsets.UTF_8));
    }

    static Path write(Path root, String relative, byte[] bytes) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        return file;
    }

    static Config config(Path root) {
        return ConfigLoader.load(null, root, Map.of("PATH", System.getenv("PATH")), new SecretMasker(), Engine.sectionKeys());
    }

    static Repair.Result dryRun(Path root) throws Exception {
        return new Repair(null).run(new Repair.Request(root, List.of(), null, false, null, 1, System.getenv()), config(root), null);
    }

    static Repair.Result apply(Path root, Path backupDir) throws Exception {
        return new Repair(null).run(new Repair.Request(root, List.of(), null, true, backupDir, 1, System.getenv()), config(root), null);
    }

    static RepairReport.FileRepair file(Repair.Result result, String path) {
        return result.report().files().stream().filter(f -> f.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError(path + " is not in the report: " + result.report().files()));
    }
}
