package io.github.recoverygates.init;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.recoverygates.core.Json;
import io.github.recoverygates.core.SourceFile;
import io.github.recoverygates.core.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code init} learns from a repository before it writes a starter config: where pytest is
 * configured, which test scopes exist, which services have a Dockerfile and a health route,
 * which env files and variable names exist (never their values) and where WebSockets are served.
 */
public record Inspection(List<String> pytestConfigs, List<String> testScopes, List<Service> services,
                         List<String> healthRoutes, List<String> envFiles, List<String> envNames,
                         List<String> webSocketRoutes, List<Integer> ports) {

    /**
     * A service that has a Dockerfile or a compose {@code build:} context, with the guesses for its check.
     *
     * @param dir        its directory relative to the root ({@code .} for the root)
     * @param name       the compose service name, else the directory's last name ({@code app} for the root)
     * @param port       the port a check should use: the compose {@code ports:} published port, else the
     *                   Dockerfile's {@code EXPOSE}, else null (unknown)
     * @param portSource where the port was read ({@code docker-compose.yml: ports}), for the comment in the config
     * @param health     a health route seen under the directory or in the compose healthcheck, else null
     */
    public record Service(String dir, String name, Integer port, String portSource, String health) {
    }

    private static final Pattern HEALTH = Pattern.compile("[\"'](/health[a-z/_-]*)[\"']");
    private static final Pattern WS = Pattern.compile("[\"'](/(?:[a-z0-9_-]+/)*ws[a-z0-9/_-]*)[\"']");
    private static final Pattern ENV_LINE = Pattern.compile("^\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s*=", Pattern.MULTILINE);
    private static final Pattern PORT = Pattern.compile("(?:--port[ =]|PORT\\s*[=:]\\s*|EXPOSE\\s+|bind\\s*=\\s*[\"'][^\"':]*:)(\\d{2,5})");
    private static final long MAX_READ = 512 * 1024;

    public static Inspection of(Path root) {
        Walk walk = new Walk();
        for (SourceFile f : new Workspace(root, Workspace.BUILT_IN_EXCLUDES, null).files()) {
            walk.see(f);
        }
        return walk.inspection();
    }

    /** What the walk over the tree has seen so far; compose files are read once it is done. */
    private static final class Walk {
        final Set<String> pytest = new TreeSet<>();
        final Set<String> scopes = new TreeSet<>();
        final Map<String, ServiceFacts> services = new TreeMap<>();
        final List<SourceFile> composeFiles = new ArrayList<>();
        final Set<String> health = new TreeSet<>();
        final Set<String> envFiles = new TreeSet<>();
        final Set<String> envNames = new TreeSet<>();
        final Set<String> wsRoutes = new TreeSet<>();
        final Set<Integer> ports = new TreeSet<>();
        /** Health routes by the directory of the file that names them. */
        final Map<String, Set<String>> routes = new TreeMap<>();

        void see(SourceFile f) {
            String name = f.fileName();
            String path = f.path();
            for (String scope : List.of("tests/mission_critical", "tests/integration", "tests/unit")) {
                int i = path.indexOf(scope + "/");
                if (i == 0 || i > 0 && path.charAt(i - 1) == '/') {
                    scopes.add(path.substring(0, i + scope.length()));
                }
            }
            if (name.equals("Dockerfile") || name.startsWith("Dockerfile.")) {
                services.computeIfAbsent(dirOf(path), ServiceFacts::new).dockerfiles.add(f);
            }
            if (COMPOSE.matcher(name).matches()) {
                composeFiles.add(f);
            }
            boolean env = name.equals(".env") || name.startsWith(".env.") || name.endsWith(".env");
            if (env) {
                envFiles.add(path);
            }
            boolean text = env || name.equals("pyproject.toml") || name.equals("pytest.ini") || name.equals("setup.cfg")
                    || name.equals("tox.ini") || name.startsWith("Dockerfile") || name.endsWith(".py") || name.endsWith(".ts")
                    || name.endsWith(".js") || name.endsWith(".yaml") || name.endsWith(".yml");
            String content = text ? readSmall(f) : null;
            if (content == null) {
                return; // unreadable files are the syntax gate's business, not init's
            }
            if (name.equals("pytest.ini") || name.equals("pyproject.toml") && content.contains("[tool.pytest.ini_options]")
                    || name.equals("setup.cfg") && content.contains("[tool:pytest]")
                    || name.equals("tox.ini") && content.contains("[pytest]")) {
                pytest.add(path);
            }
            if (env) {
                all(ENV_LINE, content, envNames::add);
            } else {
                readRoutesAndPorts(name, path, content);
            }
        }

        /** The health and WebSocket routes a source or config file names, and the ports it sets. */
        private void readRoutesAndPorts(String name, String path, String content) {
            all(HEALTH, content, route -> {
                health.add(route);
                routes.computeIfAbsent(dirOf(path), d -> new TreeSet<>()).add(route);
            });
            if (name.endsWith(".py") || name.endsWith(".ts") || name.endsWith(".js")) {
                all(WS, content, wsRoutes::add);
            }
            if (name.startsWith("Dockerfile") || name.endsWith(".yaml") || name.endsWith(".yml") || name.equals("gunicorn_config.py")) {
                all(PORT, content, port -> {
                    if (validPort(port)) {
                        ports.add(Integer.parseInt(port));
                    }
                });
            }
        }

        Inspection inspection() {
            for (SourceFile f : composeFiles) {
                readCompose(f, services);
            }
            List<Service> guessed = new ArrayList<>();
            for (ServiceFacts s : services.values()) {
                guessed.add(s.guess(routes));
            }
            return new Inspection(List.copyOf(pytest), List.copyOf(scopes), List.copyOf(guessed), List.copyOf(health),
                    List.copyOf(envFiles), List.copyOf(envNames), List.copyOf(wsRoutes), List.copyOf(ports));
        }
    }

    /** Hands the first group of every match of {@code pattern} in {@code text} to {@code found}. */
    private static void all(Pattern pattern, String text, Consumer<String> found) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.accept(m.group(1));
        }
    }

    private static final Pattern COMPOSE = Pattern.compile("(docker-)?compose(\\.[A-Za-z0-9_-]+)?\\.ya?ml");
    private static final Pattern EXPOSE = Pattern.compile("(?im)^\\s*EXPOSE\\s+(\\d{1,5})(?:/(?:tcp|udp))?\\b");
    private static final Pattern URL_PATH = Pattern.compile("https?://[^/\\s\"']+(/[A-Za-z0-9/_.-]*)");

    private static String dirOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "." : path.substring(0, slash);
    }

    /** What is known about one service directory while the tree is walked. */
    private static final class ServiceFacts {
        final String dir;
        final List<SourceFile> dockerfiles = new ArrayList<>();
        String composeName;
        Integer composePort;
        String composeSource;
        String composeHealth;

        ServiceFacts(String dir) {
            this.dir = dir;
        }

        Service guess(Map<String, Set<String>> routes) {
            Integer port = composePort;
            String source = composeSource;
            for (SourceFile d : dockerfiles) {
                if (port != null) {
                    break;
                }
                String text = readSmall(d);
                Matcher m = EXPOSE.matcher(text == null ? "" : text);
                if (m.find() && validPort(m.group(1))) {
                    port = Integer.parseInt(m.group(1));
                    source = d.path() + ": EXPOSE";
                }
            }
            String health = composeHealth;
            if (health == null) {
                // the service's own routes: under its directory (the root service sees every route)
                for (Map.Entry<String, Set<String>> e : routes.entrySet()) {
                    if (dir.equals(".") || e.getKey().equals(dir) || e.getKey().startsWith(dir + "/")) {
                        health = e.getValue().iterator().next();
                        break;
                    }
                }
            }
            String name = composeName != null ? composeName : dir.equals(".") ? "app" : dir.substring(dir.lastIndexOf('/') + 1);
            return new Service(dir, name, port, source, health);
        }
    }

    private static boolean validPort(String digits) {
        int p = Integer.parseInt(digits);
        return p > 0 && p < 65536;
    }

    private static String readSmall(SourceFile f) {
        if (f.size() > MAX_READ) {
            return null;
        }
        try {
            return new String(Files.readAllBytes(f.absolute()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * A compose file's {@code services}: each one with a {@code build} context becomes (or names) the
     * service of that directory, with the first published port of {@code ports:} (the one a check
     * from the host reaches) and the path of an http URL in its {@code healthcheck}. A compose file
     * that is not valid YAML is skipped: it is the syntax gate's finding, not init's.
     */
    private static void readCompose(SourceFile f, Map<String, ServiceFacts> services) {
        String text = readSmall(f);
        JsonNode tree;
        try {
            tree = text == null ? null : Json.CONFIG.readTree(text);
        } catch (IOException | RuntimeException e) {
            return;
        }
        if (tree == null || !tree.path("services").isObject()) {
            return;
        }
        String base = dirOf(f.path());
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.path("services").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode service = e.getValue();
            JsonNode build = service.path("build");
            String context = build.isTextual() ? build.asText() : build.path("context").isTextual() ? build.path("context").asText() : null;
            if (context == null) {
                continue;
            }
            String dir = normalise(base, context);
            if (dir == null) {
                continue;
            }
            ServiceFacts facts = services.computeIfAbsent(dir, ServiceFacts::new);
            facts.composeName = e.getKey();
            Integer port = publishedPort(service.path("ports"));
            if (port != null && facts.composePort == null) {
                facts.composePort = port;
                facts.composeSource = f.path() + ": services." + e.getKey() + ".ports";
            }
            JsonNode test = service.path("healthcheck").path("test");
            Matcher m = URL_PATH.matcher(test.isArray() ? test.toString() : test.asText(""));
            if (m.find() && facts.composeHealth == null) {
                facts.composeHealth = m.group(1);
            }
        }
    }

    /** The host port of the first {@code ports:} entry (short or long syntax); the container port when none is published. */
    private static Integer publishedPort(JsonNode ports) {
        for (JsonNode entry : ports) {
            String published = null;
            if (entry.isObject()) {
                published = entry.path("published").asText(entry.path("target").asText(""));
            } else if (entry.isValueNode()) {
                // short syntax: [IP:][HOST:]CONTAINER[/PROTOCOL]: "8000", "8081:8000", "127.0.0.1:8081:8000/tcp"
                String[] parts = entry.asText().strip().replaceFirst("/(tcp|udp)$", "").split(":");
                published = parts.length >= 2 && !parts[parts.length - 2].isEmpty() ? parts[parts.length - 2] : parts[parts.length - 1];
                published = published.replaceFirst("-\\d+$", ""); // a range: its first port
            }
            if (published != null && published.matches("\\d{1,5}") && validPort(published)) {
                return Integer.parseInt(published);
            }
        }
        return null;
    }

    /** {@code context} relative to the compose file's directory, as a root-relative directory; null when it leaves the root. */
    private static String normalise(String base, String context) {
        if (context.contains("://") || context.startsWith("/")) {
            return null;
        }
        Path p = Path.of(base.equals(".") ? "" : base).resolve(context).normalize();
        String s = p.toString().replace('\\', '/');
        if (s.startsWith("..")) {
            return null;
        }
        return s.isEmpty() || s.equals(".") ? "." : s;
    }
}
