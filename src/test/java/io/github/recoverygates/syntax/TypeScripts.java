package io.github.recoverygates.syntax;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code typescript} packages the tests may use: those named in
 * {@code RECOVERY_GATES_TEST_TYPESCRIPT} (path-separated package directories), the global one
 * ({@code npm root -g}, where {@code .ci/run} installs the latest) and the TypeScript 5 that
 * {@code .ci/run} installs under {@code ~/.cache/recovery-gates/typescript5} (the last release with
 * the JavaScript parser API). Tests skip, saying why, when there is none.
 */
final class TypeScripts {

    private TypeScripts() {
    }

    /** A package directory and its version. */
    record Package(Path dir, String version) {
        int major() {
            return Integer.parseInt(version.split("\\.")[0]);
        }

        @Override
        public String toString() {
            return "typescript " + version;
        }
    }

    static boolean nodeOnPath() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isBlank() && Files.isExecutable(Path.of(dir, "node"))) {
                return true;
            }
        }
        return false;
    }

    private static List<Package> found;

    static synchronized List<Package> all() {
        if (found == null) {
            found = List.copyOf(find());
        }
        return found;
    }

    private static List<Package> find() {
        Set<Path> candidates = new LinkedHashSet<>();
        String given = System.getenv("RECOVERY_GATES_TEST_TYPESCRIPT");
        if (given != null) {
            for (String p : given.split(File.pathSeparator)) {
                if (!p.isBlank()) {
                    candidates.add(Path.of(p.strip()));
                }
            }
        }
        String globalRoot = npmRootGlobal();
        if (globalRoot != null) {
            candidates.add(Path.of(globalRoot, "typescript"));
        }
        candidates.add(Path.of(System.getProperty("user.home"), ".cache", "recovery-gates", "typescript5",
                "node_modules", "typescript"));
        List<Package> out = new ArrayList<>();
        if (!nodeOnPath()) {
            return out;
        }
        for (Path c : candidates) {
            Path manifest = c.resolve("package.json");
            if (!Files.isRegularFile(manifest)) {
                continue;
            }
            try {
                String version = io.github.recoverygates.core.Json.REPORT.readTree(manifest.toFile()).path("version").asText();
                if (!version.isBlank() && out.stream().noneMatch(p -> p.version().equals(version))) {
                    out.add(new Package(c.toAbsolutePath().normalize(), version));
                }
            } catch (IOException e) {
                // not a package we can use
            }
        }
        return out;
    }

    static String whyNone() {
        return nodeOnPath() ? "no typescript package: .ci/run installs one (npm install -g typescript; TypeScript 5 under "
                + "~/.cache/recovery-gates/typescript5), or set RECOVERY_GATES_TEST_TYPESCRIPT"
                : "no node on the PATH";
    }

    private static String npmRootGlobal() {
        try {
            Process p = new ProcessBuilder("npm", "root", "-g").redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0 || out.isEmpty()) {
                return null;
            }
            return out.lines().reduce((a, b) -> b).orElse(null);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Links {@code pkg} into {@code root/node_modules/typescript}, as npm install would put it there. */
    static void install(Package pkg, Path root) throws IOException {
        Path modules = Files.createDirectories(root.resolve("node_modules"));
        Files.createSymbolicLink(modules.resolve("typescript"), pkg.dir());
    }
}
