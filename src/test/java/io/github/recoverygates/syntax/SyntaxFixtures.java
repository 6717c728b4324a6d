package io.github.recoverygates.syntax;

import io.github.recoverygates.core.Unit;
import io.github.recoverygates.api.Engine;
import io.github.recoverygates.api.RunRequest;
import io.github.recoverygates.api.RunResult;
import io.github.recoverygates.core.Finding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Writes fixture trees and runs the syntax gate end to end through the engine, as the CLI does. */
final class SyntaxFixtures {

    private SyntaxFixtures() {
    }

    static Path write(Path root, String relative, byte[] bytes) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        return file;
    }

    static Path write(Path root, String relative, String text) throws IOException {
        return write(root, relative, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Runs the gate with {@code configYaml} (may be null) written outside the checked tree. */
    static RunResult run(Path root, Path work, String configYaml, java.util.function.UnaryOperator<RunRequest> tweak)
            throws Exception {
        Path out = Files.createDirectories(work.resolve("out-" + System.nanoTime()));
        RunRequest request = RunRequest.builder("syntax", root, out).environment(Map.of("PATH", System.getenv("PATH"))).build();
        if (configYaml != null) {
            Path config = work.resolve("config-" + System.nanoTime() + ".yml");
            Files.writeString(config, configYaml);
            request = request.toBuilder().config(config).build();
        }
        return new Engine(null).run(tweak == null ? request : tweak.apply(request));
    }

    static RunResult run(Path root, Path work, String configYaml) throws Exception {
        return run(root, work, configYaml, null);
    }

    static Set<String> failingFiles(RunResult result, String ruleId) {
        return result.result().findings().stream()
                .filter(f -> f.ruleId().equals(ruleId) && f.severity() == io.github.recoverygates.core.Severity.ERROR)
                .map(Finding::file).collect(Collectors.toCollection(TreeSet::new));
    }

    static Finding finding(RunResult result, String file) {
        return result.result().findings().stream().filter(f -> file.equals(f.file())).findFirst()
                .orElseThrow(() -> new AssertionError("no finding for " + file + " in " + result.result().findings()));
    }

    /**
     * The oracle: a separate {@code python3} that calls {@code compile(bytes, path, "exec")} on every
     * {@code .py} file under root and prints the relative paths it rejects.
     */
    static Set<String> compileRejects(Path root) throws IOException, InterruptedException {
        String script = String.join("\n",
                "import os, sys",
                "root = sys.argv[1]",
                "for d, dirs, files in os.walk(root):",
                "    for n in files:",
                "        if not n.endswith('.py'): continue",
                "        p = os.path.join(d, n)",
                "        try:",
                "            data = open(p, 'rb').read()",
                "            compile(data, p, 'exec')",
                "        except Exception:",
                "            print(os.path.relpath(p, root).replace(os.sep, '/'))",
                "");
        Process p = new ProcessBuilder("python3", "-W", "ignore", "-c", script, root.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> lines = new ArrayList<>();
        try (var r = p.inputReader(StandardCharsets.UTF_8)) {
            r.lines().forEach(lines::add);
        }
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("oracle python3 failed");
        }
        return new TreeSet<>(lines);
    }
}
