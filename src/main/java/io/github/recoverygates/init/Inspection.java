package io.github.recoverygates.init;

import io.github.recoverygates.core.SourceFile;
import io.github.recoverygates.core.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code init} learns from a repository before it writes a starter config: where pytest is
 * configured, which test scopes exist, which services have a Dockerfile and a health route,
 * which env files and variable names exist (never their values) and where WebSockets are served.
 */
public record Inspection(List<String> pytestConfigs, List<String> testScopes, List<String> services,
                         List<String> healthRoutes, List<String> envFiles, List<String> envNames,
                         List<String> webSocketRoutes, List<Integer> ports) {

    private static final Pattern HEALTH = Pattern.compile("[\"'](/health[a-z/_-]*)[\"']");
    private static final Pattern WS = Pattern.compile("[\"'](/(?:[a-z0-9_-]+/)*ws[a-z0-9/_-]*)[\"']");
    private static final Pattern ENV_LINE = Pattern.compile("^\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s*=", Pattern.MULTILINE);
    private static final Pattern PORT = Pattern.compile("(?:--port[ =]|PORT\\s*[=:]\\s*|EXPOSE\\s+|bind\\s*=\\s*[\"'][^\"':]*:)(\\d{2,5})");
    private static final long MAX_READ = 512 * 1024;

    public static Inspection of(Path root) {
        Workspace ws = new Workspace(root, Workspace.BUILT_IN_EXCLUDES, null);
        Set<String> pytest = new TreeSet<>();
        Set<String> scopes = new TreeSet<>();
        Set<String> services = new TreeSet<>();
        Set<String> health = new TreeSet<>();
        Set<String> envFiles = new TreeSet<>();
        Set<String> envNames = new TreeSet<>();
        Set<String> wsRoutes = new TreeSet<>();
        Set<Integer> ports = new TreeSet<>();
        for (SourceFile f : ws.files()) {
            String name = f.fileName();
            String path = f.path();
            for (String scope : List.of("tests/mission_critical", "tests/integration", "tests/unit")) {
                int i = path.indexOf(scope + "/");
                if (i == 0 || i > 0 && path.charAt(i - 1) == '/') {
                    scopes.add(path.substring(0, i + scope.length()));
                }
            }
            if (name.equals("Dockerfile") || name.startsWith("Dockerfile.")) {
                int slash = path.lastIndexOf('/');
                services.add(slash < 0 ? "." : path.substring(0, slash));
            }
            boolean env = name.equals(".env") || name.startsWith(".env.") || name.endsWith(".env");
            if (env) {
                envFiles.add(path);
            }
            boolean text = env || name.equals("pyproject.toml") || name.equals("pytest.ini") || name.equals("setup.cfg")
                    || name.equals("tox.ini") || name.startsWith("Dockerfile") || name.endsWith(".py") || name.endsWith(".ts")
                    || name.endsWith(".js") || name.endsWith(".yaml") || name.endsWith(".yml");
            if (!text || f.size() > MAX_READ) {
                continue;
            }
            String content;
            try {
                content = new String(Files.readAllBytes(f.absolute()), StandardCharsets.UTF_8);
            } catch (IOException e) {
                continue; // unreadable files are the syntax gate's business, not init's
            }
            if (name.equals("pytest.ini") || name.equals("pyproject.toml") && content.contains("[tool.pytest.ini_options]")
                    || name.equals("setup.cfg") && content.contains("[tool:pytest]")
                    || name.equals("tox.ini") && content.contains("[pytest]")) {
                pytest.add(path);
            }
            if (env) {
                Matcher m = ENV_LINE.matcher(content);
                while (m.find()) {
                    envNames.add(m.group(1));
                }
                continue;
            }
            Matcher h = HEALTH.matcher(content);
            while (h.find()) {
                health.add(h.group(1));
            }
            if (name.endsWith(".py") || name.endsWith(".ts") || name.endsWith(".js")) {
                Matcher w = WS.matcher(content);
                while (w.find()) {
                    wsRoutes.add(w.group(1));
                }
            }
            if (name.startsWith("Dockerfile") || name.endsWith(".yaml") || name.endsWith(".yml") || name.equals("gunicorn_config.py")) {
                Matcher p = PORT.matcher(content);
                while (p.find()) {
                    int port = Integer.parseInt(p.group(1));
                    if (port > 0 && port < 65536) {
                        ports.add(port);
                    }
                }
            }
        }
        return new Inspection(List.copyOf(pytest), List.copyOf(scopes), List.copyOf(services), List.copyOf(health),
                List.copyOf(envFiles), List.copyOf(envNames), List.copyOf(wsRoutes), List.copyOf(ports));
    }
}
