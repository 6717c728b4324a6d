package io.github.recoverygates.ssot;

import io.github.recoverygates.api.Engine;
import io.github.recoverygates.api.RunRequest;
import io.github.recoverygates.api.RunResult;
import io.github.recoverygates.core.Finding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A repository written into a temporary directory, and the ssot gate run over it through the engine. */
final class FixtureRepo {

    final Path root;
    final Path out;

    FixtureRepo(Path temp) {
        this.root = temp.resolve("repo");
        this.out = temp.resolve("report");
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    FixtureRepo file(String path, String text) {
        try {
            Path p = root.resolve(path);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    FixtureRepo bytes(String path, byte[] data) {
        try {
            Path p = root.resolve(path);
            Files.createDirectories(p.getParent());
            Files.write(p, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Makes each directory of {@code path} a regular Python package. */
    FixtureRepo pkg(String path) {
        String[] parts = path.split("/");
        String dir = "";
        for (String part : parts) {
            dir = dir.isEmpty() ? part : dir + "/" + part;
            if (!Files.exists(root.resolve(dir + "/__init__.py"))) {
                file(dir + "/__init__.py", "");
            }
        }
        return this;
    }

    FixtureRepo config(String ssotSection) {
        return file(".recovery-gates.yml", "ssot:\n" + ssotSection.indent(2));
    }

    RunResult run() {
        return run(RunRequest.builder("ssot", root, out).build());
    }

    RunResult run(RunRequest request) {
        try {
            return new Engine(null).run(request.toBuilder().environment(Map.of()).workers(2).build());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static List<Finding> rule(RunResult r, String rule) {
        return r.result().findings().stream().filter(f -> f.ruleId().equals("ssot/" + rule)).toList();
    }

    static List<String> where(List<Finding> findings) {
        return findings.stream().map(f -> f.file() + ":" + f.line()).toList();
    }
}
