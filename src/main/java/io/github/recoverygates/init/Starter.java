package io.github.recoverygates.init;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.recoverygates.core.ConfigException;
import io.github.recoverygates.core.Git;
import io.github.recoverygates.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes what {@code init} offers: a commented starter {@code .recovery-gates.yml} with the seeds'
 * defaults filled in from an {@link Inspection}, and the pre-commit hook that runs {@code syntax} and
 * {@code ssot} on the staged content ({@code recovery-gates pre-commit}).
 */
public final class Starter {

    private Starter() {
    }

    /** The schema file {@code init} writes beside the config, which the config's first line names for editors. */
    public static final String SCHEMA_FILE = ".recovery-gates.schema.json";

    public static String config(Inspection in) {
        return config(in, SCHEMA_FILE);
    }

    /**
     * The starter config; its first line tells editors with yaml-language-server (VS Code's YAML
     * extension, and others) where the JSON Schema is: {@code schema} is a path relative to the config or a URL.
     */
    public static String config(Inspection in, String schema) {
        StringBuilder y = new StringBuilder();
        y.append("# yaml-language-server: $schema=").append(schema.replaceAll("[\\r\\n]", "")).append("\n");
        y.append("# Recovery Gates config, written by `recovery-gates init`. Reference: the project's README and docs/.\n");
        y.append("# Values may use ${NAME} or ${NAME:-default} from the environment.\n\n");
        y.append("# Built-in excludes (VCS, virtualenvs, node_modules, build output, backups) apply unless you set `exclude:`.\n\n");
        syntax(y, in);
        ssot(y);
        recovery(y, in);
        goldenPath(y, in);
        return y.toString();
    }

    /** The syntax section: a threshold per test scope found, at the seeds' targets. */
    private static void syntax(StringBuilder y, Inspection in) {
        y.append("syntax:\n");
        if (!in.pytestConfigs().isEmpty()) {
            y.append("  # pytest config found in: ").append(String.join(", ", in.pytestConfigs())).append("\n");
        }
        if (in.testScopes().isEmpty()) {
            y.append("  # no tests/mission_critical, tests/integration or tests/unit found; add thresholds for your own scopes:\n");
            y.append("  # thresholds:\n  #   - {name: tests, include: [\"tests/**\"], min: 95}\n");
            return;
        }
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

    private static void ssot(StringBuilder y) {
        y.append("\nssot:\n");
        y.append("  threshold: 95          # minimum compliance, percent\n");
        y.append("  criticalThreshold: 0   # maximum critical violations\n");
        y.append("  missingModules: true   # imports of this repo's own packages that resolve to no file\n");
        y.append("  fakeSuccess:\n    disabledMarkers: [require_docker_services, requires_real_services]\n");
        y.append("  # canonical: [{name: SessionManager, path: auth_service/.../session_manager.py, kind: class}]\n");
        y.append("  # boundaries: [{name: backend-uses-auth-integration-layer, from: [\"backend/**\"], forbid: [auth_service]}]\n");
    }

    /** The recovery section: the env files and the variables a check needs, then the checks. */
    private static void recovery(StringBuilder y, Inspection in) {
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
            serviceCheck(y, service, anyHealth);
            any = true;
        }
        if (!any) {
            y.append("    - {name: app, type: http, url: \"${APP_URL:-http://127.0.0.1:8080}/health\"}\n");
        }
    }

    /** An http check of one service, with a comment saying where its port came from. */
    private static void serviceCheck(StringBuilder y, Inspection.Service service, String anyHealth) {
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
    }

    /** The golden path, commented out: it needs a login and a journey only the user knows. */
    private static void goldenPath(StringBuilder y, Inspection in) {
        y.append("\n# goldenPath: the journey login -> WebSocket -> agent events -> answer; see docs/golden-path.md.\n");
        String ws = in.webSocketRoutes().isEmpty() ? "/ws" : in.webSocketRoutes().get(0);
        y.append("# goldenPath:\n#   login: {tokenEnv: E2E_TOKEN}\n#   websocket: {url: \"ws://127.0.0.1:8000").append(ws)
                .append("\", auth: subprotocol, subprotocols: [\"jwt-auth\", \"jwt.{token}\"]}\n");
        y.append("#   load: {users: 50, iterations: 4, rampUp: 10s}\n");
    }

    /** The hook id in {@code .pre-commit-config.yaml} and in this project's {@code .pre-commit-hooks.yaml}. */
    public static final String HOOK_ID = "recovery-gates";

    /**
     * The lines that find the engine and run {@code pre-commit} on the staged content: the jar in
     * {@code $RECOVERY_GATES_JAR}, else a {@code recovery-gates} launcher on {@code PATH}, else a
     * message saying how to get one. No absolute path of any machine is written into a hook.
     */
    static final List<String> LAUNCH = List.of(
            "if [ -n \"${RECOVERY_GATES_JAR:-}\" ]; then",
            "  if [ ! -f \"$RECOVERY_GATES_JAR\" ]; then echo \"recovery-gates: RECOVERY_GATES_JAR=$RECOVERY_GATES_JAR is not a file\" >&2; exit 2; fi",
            "  exec java -jar \"$RECOVERY_GATES_JAR\" pre-commit \"$@\"",
            "fi",
            "if command -v recovery-gates >/dev/null 2>&1; then exec recovery-gates pre-commit \"$@\"; fi",
            "echo \"recovery-gates: no engine found: set RECOVERY_GATES_JAR to a recovery-gates.jar, or put the recovery-gates launcher on PATH.\" >&2",
            "echo \"recovery-gates: to build the jar: mvn -B -q package -DskipTests in a clone of recovery-gates (target/recovery-gates.jar).\" >&2",
            "echo \"recovery-gates: skip once with git commit --no-verify.\" >&2",
            "exit 2");

    /**
     * The hook script: {@code .git/hooks/pre-commit} with {@code init --hooks=git}, and this project's
     * {@code hooks/recovery-gates-pre-commit} that its {@code .pre-commit-hooks.yaml} runs.
     */
    public static String hookScript() {
        return "#!/bin/sh\n"
                + "# recovery-gates pre-commit: syntax and ssot on exactly the staged content (untracked files and unstaged\n"
                + "# edits are not looked at). Written by `recovery-gates init --hooks`; skip once with `git commit --no-verify`.\n"
                + String.join("\n", LAUNCH) + "\n";
    }

    /** The {@code repo: local} entry of a consumer's {@code .pre-commit-config.yaml}, its list item at {@code indent}. */
    public static String localHookEntry(String indent) {
        String entry = "sh -c " + shellQuote(String.join("\n", LAUNCH)) + " recovery-gates";
        return indent + "- repo: local\n"
                + indent + "  hooks:\n"
                + indent + "    - id: " + HOOK_ID + "\n"
                + indent + "      name: recovery-gates (syntax + ssot on the staged content)\n"
                + indent + "      # finds the engine through $RECOVERY_GATES_JAR or a recovery-gates launcher on PATH\n"
                + indent + "      entry: " + q(entry) + "\n"
                + indent + "      language: system\n"
                + indent + "      pass_filenames: false\n"
                + indent + "      require_serial: true\n";
    }

    /** The hook definition this project publishes at its root, for {@code repo: <this repository>} and {@code rev:}. */
    public static String publishedHooks() {
        return """
                # The hooks this repository publishes for https://pre-commit.com (consumers: `repo:` this repository + `rev:`).
                # A consumer's own .pre-commit-config.yaml is what `recovery-gates init --hooks` writes; see docs/pre-commit.md.
                - id: %s
                  name: recovery-gates (syntax + ssot on the staged content)
                  description: Refuses a commit whose staged files break parsing or the single source of truth.
                  entry: hooks/recovery-gates-pre-commit
                  language: script
                  pass_filenames: false
                  require_serial: true
                """.formatted(HOOK_ID);
    }

    /**
     * {@code text} (a {@code .pre-commit-config.yaml}, or null when there is none) with the local hook
     * added to {@code repos:}. The file is edited as text, so its comments and layout stay; the result
     * is parsed again and must hold exactly one more repo. An entry with our id is left alone: null
     * means "already there".
     */
    public static String mergePreCommitConfig(String text, String source) {
        if (text == null || text.isBlank()) {
            return "# https://pre-commit.com: `pre-commit install` once, then every `git commit` runs these hooks.\n"
                    + "repos:\n" + localHookEntry("  ");
        }
        JsonNode before = readYaml(text, source);
        JsonNode repos = before.path("repos");
        if (!before.isObject() || !before.has("repos") || !(repos.isArray() || repos.isNull())) {
            throw new ConfigException(source + ": expected a mapping with a `repos:` list; add the recovery-gates entry by hand"
                    + " (docs/pre-commit.md)");
        }
        for (JsonNode repo : repos) {
            for (JsonNode hook : repo.path("hooks")) {
                if (HOOK_ID.equals(hook.path("id").asText())) {
                    return null;
                }
            }
        }
        List<String> lines = new java.util.ArrayList<>(List.of(text.split("\n", -1)));
        int reposLine = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("repos\\s*:\\s*(#.*)?")) {
                reposLine = i;
                break;
            }
        }
        if (reposLine < 0) {
            throw new ConfigException(source + ": `repos:` is not a block list at the start of a line; add the recovery-gates"
                    + " entry by hand (docs/pre-commit.md)");
        }
        int end = lines.size();
        String indent = null;
        for (int i = reposLine + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.matches("[^\\s#-].*")) { // the next top-level key
                end = i;
                break;
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\s*)- ").matcher(line);
            if (indent == null && m.find()) {
                indent = m.group(1);
            }
        }
        while (end > reposLine + 1 && lines.get(end - 1).isBlank()) {
            end--;
        }
        String entry = localHookEntry(indent == null ? "  " : indent);
        lines.add(end, entry.substring(0, entry.length() - 1));
        String merged = String.join("\n", lines);
        JsonNode after = readYaml(merged, source);
        if (after.path("repos").size() != (repos.isArray() ? repos.size() : 0) + 1) {
            throw new ConfigException(source + ": could not add the recovery-gates entry safely; add it by hand (docs/pre-commit.md)");
        }
        return merged;
    }

    private static JsonNode readYaml(String text, String source) {
        try {
            JsonNode tree = Json.CONFIG.readTree(text);
            return tree == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : tree;
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + (e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr() + ":"
                    + e.getLocation().getColumnNr()) + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
    }

    private static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /**
     * Sets up the hook: {@code mode} {@code pre-commit} adds the local entry to {@code .pre-commit-config.yaml}
     * (created when absent), {@code git} writes an executable {@code pre-commit} into git's hooks directory.
     * Never writes {@code .pre-commit-hooks.yaml}, the file a hook publisher ships. Returns what was written.
     */
    public static List<String> writeHooks(Path root, String mode, boolean force, Map<String, String> environment) {
        Git git = new Git(root, environment);
        Git.Result top = git.run("rev-parse", "--show-toplevel");
        if (top.exit() != 0 || top.lines().isEmpty()) {
            throw new ConfigException("init --hooks: " + root + " is not in a git repository");
        }
        Path topLevel = Path.of(top.lines().get(0));
        try {
            if (mode.equals("git")) {
                Path hooks = topLevel.resolve(git.lines("init --hooks", "rev-parse", "--git-path", "hooks").get(0)).normalize();
                Path hook = hooks.resolve("pre-commit");
                Files.createDirectories(hooks);
                writeNew(hook, hookScript(), force);
                try {
                    Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
                } catch (UnsupportedOperationException e) {
                    hook.toFile().setExecutable(true);
                }
                return List.of("wrote " + hook);
            }
            Path file = topLevel.resolve(".pre-commit-config.yaml");
            if (Files.isSymbolicLink(file)) {
                throw new ConfigException(file + " is a symbolic link; add the recovery-gates entry by hand");
            }
            String text = Files.isRegularFile(file) ? Files.readString(file) : null;
            String merged = mergePreCommitConfig(text, file.toString());
            if (merged == null) {
                return List.of(file + " already has the " + HOOK_ID + " hook; left as it is");
            }
            Files.writeString(file, merged.endsWith("\n") ? merged : merged + "\n");
            return List.of((text == null ? "wrote " : "added the " + HOOK_ID + " hook to ") + file,
                    "next: `pre-commit install` (once per clone), with RECOVERY_GATES_JAR set or a recovery-gates launcher on PATH");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void writeNew(Path file, String text, boolean force) throws IOException {
        if (Files.exists(file) && !force) {
            throw new ConfigException(file + " exists; use --force to replace it");
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
