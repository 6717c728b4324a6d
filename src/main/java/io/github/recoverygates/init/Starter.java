package io.github.recoverygates.init;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.recoverygates.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes what {@code init} offers: a commented starter {@code .recovery-gates.yml} with the seeds'
 * defaults filled in from an {@link Inspection}, and pre-commit hooks that run {@code syntax} and
 * {@code ssot} on what changed since HEAD with a warm cache.
 */
public final class Starter {

    private Starter() {
    }

    public static String config(Inspection in) {
        StringBuilder y = new StringBuilder();
        y.append("# Recovery Gates config, written by `recovery-gates init`. Reference: the project's README and docs/.\n");
        y.append("# Values may use ${NAME} or ${NAME:-default} from the environment.\n\n");
        y.append("# Built-in excludes (VCS, virtualenvs, node_modules, build output, backups) apply unless you set `exclude:`.\n\n");
        y.append("syntax:\n");
        if (!in.pytestConfigs().isEmpty()) {
            y.append("  # pytest config found in: ").append(String.join(", ", in.pytestConfigs())).append("\n");
        }
        if (in.testScopes().isEmpty()) {
            y.append("  # no tests/mission_critical, tests/integration or tests/unit found; add thresholds for your own scopes:\n");
            y.append("  # thresholds:\n  #   - {name: tests, include: [\"tests/**\"], min: 95}\n");
        } else {
            y.append("  thresholds:   # percent of Python files that must compile, per scope (the seeds' targets)\n");
            for (String scope : in.testScopes()) {
                String kind = scope.substring(scope.lastIndexOf('/') + 1);
                int min = switch (kind) {
                    case "mission_critical" -> 100;
                    case "integration" -> 95;
                    default -> 90;
                };
                String name = scope.equals("tests/" + kind) ? kind : scope.replaceAll("[^A-Za-z0-9]+", "_");
                y.append("    - {name: ").append(q(name)).append(", include: [").append(q(scope + "/**")).append("], min: ")
                        .append(min).append("}\n");
            }
        }
        y.append("\nssot:\n");
        y.append("  threshold: 95          # minimum compliance, percent\n");
        y.append("  criticalThreshold: 0   # maximum critical violations\n");
        y.append("  missingModules: true   # imports of this repo's own packages that resolve to no file\n");
        y.append("  fakeSuccess:\n    disabledMarkers: [require_docker_services, requires_real_services]\n");
        y.append("  # canonical: [{name: SessionManager, path: auth_service/.../session_manager.py, kind: class}]\n");
        y.append("  # boundaries: [{name: backend-uses-auth-integration-layer, from: [\"backend/**\"], forbid: [auth_service]}]\n");
        y.append("\nrecovery:\n");
        if (!in.envFiles().isEmpty()) {
            y.append("  envFiles: [").append(in.envFiles().stream().filter(f -> !f.contains("example"))
                    .map(Starter::q).collect(Collectors.joining(", "))).append("]\n");
        }
        List<String> required = in.envNames().stream()
                .filter(n -> n.endsWith("_URL") || n.contains("SECRET") || n.equals("PORT")).toList();
        if (!required.isEmpty()) {
            y.append("  env:\n    required: [").append(required.stream().map(Starter::q).collect(Collectors.joining(", "))).append("]\n");
        }
        y.append("  wait: {timeout: 60s, interval: 2s}\n");
        y.append("  checks:\n");
        boolean any = false;
        if (in.envNames().contains("DATABASE_URL")) {
            y.append("    - {name: postgres, type: postgres, url: \"${DATABASE_URL}\", timeout: 5s}\n");
            any = true;
        }
        if (in.envNames().contains("REDIS_URL")) {
            y.append("    - {name: redis, type: redis, url: \"${REDIS_URL}\", timeout: 3s, critical: false}\n");
            any = true;
        }
        String anyHealth = in.healthRoutes().isEmpty() ? "/health" : in.healthRoutes().get(0);
        for (Inspection.Service service : in.services()) {
            String name = service.name();
            int port = service.port() == null ? 8080 : service.port();
            String health = service.health() != null ? service.health() : anyHealth;
            // paths are quoted as JSON strings, so a name with a newline cannot leave the comment
            y.append("    # ").append(q(service.dir())).append(service.port() == null
                    ? ": no EXPOSE or compose ports found, so the port is a guess"
                    : ": port " + port + " from " + q(service.portSource())).append("; set its URL if it differs:\n");
            y.append("    - {name: ").append(q(name)).append(", type: http, url: ")
                    .append(q("${" + name.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_URL:-http://127.0.0.1:"
                            + port + "}" + health))
                    .append("}\n");
            any = true;
        }
        if (!any) {
            y.append("    - {name: app, type: http, url: \"${APP_URL:-http://127.0.0.1:8080}/health\"}\n");
        }
        y.append("\n# goldenPath: the journey login -> WebSocket -> agent events -> answer; see docs/golden-path.md.\n");
        String ws = in.webSocketRoutes().isEmpty() ? "/ws" : in.webSocketRoutes().get(0);
        y.append("# goldenPath:\n#   login: {tokenEnv: E2E_TOKEN}\n#   websocket: {url: \"ws://127.0.0.1:8000").append(ws)
                .append("\", auth: subprotocol, subprotocols: [\"jwt-auth\", \"jwt.{token}\"]}\n");
        y.append("#   load: {users: 50, iterations: 4, rampUp: 10s}\n");
        return y.toString();
    }

    /** The git pre-commit hook: syntax and ssot on what changed since HEAD, with a cache under .git. */
    public static String preCommitHook(String jar) {
        return """
                #!/bin/sh
                # Written by `recovery-gates init --hooks`: stops a commit that breaks parsing or the single source of truth.
                # Skip once with `git commit --no-verify`.
                JAR="${RECOVERY_GATES_JAR:-%s}"
                GIT_DIR="$(git rev-parse --git-dir)" || exit 2
                OUT="$GIT_DIR/recovery-gates/report"
                for gate in syntax ssot; do
                  java -jar "$JAR" "$gate" --root . --changed-from HEAD --cache "$GIT_DIR/recovery-gates/cache" \\
                    --out "$OUT" --format json,md || exit $?
                done
                """.formatted(jar.replace("\"", ""));
    }

    /** A pre-commit framework hook definition running the same two gates. */
    public static String preCommitHooksYaml(String jar) {
        return """
                # Hooks for https://pre-commit.com, written by `recovery-gates init --hooks`.
                - id: recovery-gates-syntax
                  name: recovery-gates syntax
                  entry: java -jar %1$s syntax --root . --changed-from HEAD --cache .git/recovery-gates/cache --out .git/recovery-gates/report --format json,md
                  language: system
                  pass_filenames: false
                  types_or: [python, java, yaml, json, toml]
                - id: recovery-gates-ssot
                  name: recovery-gates ssot
                  entry: java -jar %1$s ssot --root . --changed-from HEAD --cache .git/recovery-gates/cache --out .git/recovery-gates/report --format json,md
                  language: system
                  pass_filenames: false
                  types_or: [python, java, javascript, ts]
                """.formatted(q(jar));
    }

    /** Writes the hook into {@code .git/hooks/pre-commit} (executable) and the hook definitions; returns both paths. */
    public static List<Path> writeHooks(Path root, String jar, boolean force) {
        Path gitDir = root.resolve(".git");
        if (!Files.isDirectory(gitDir)) {
            throw new io.github.recoverygates.core.ConfigException("init --hooks: " + root + " is not a git repository (no .git directory)");
        }
        Path hook = gitDir.resolve("hooks").resolve("pre-commit");
        Path yaml = root.resolve(".pre-commit-hooks.yaml");
        try {
            Files.createDirectories(hook.getParent());
            writeNew(hook, preCommitHook(jar), force);
            try {
                Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (UnsupportedOperationException e) {
                hook.toFile().setExecutable(true);
            }
            writeNew(yaml, preCommitHooksYaml(jar), force);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.of(hook, yaml);
    }

    public static void writeNew(Path file, String text, boolean force) throws IOException {
        if (Files.exists(file) && !force) {
            throw new io.github.recoverygates.core.ConfigException(file + " exists; use --force to replace it");
        }
        Files.writeString(file, text);
    }

    static String q(String s) {
        try {
            return Json.REPORT.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
