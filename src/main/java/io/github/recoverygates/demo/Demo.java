package io.github.recoverygates.demo;

import io.github.recoverygates.core.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The {@code demo}: the bundled example monorepo's own config plus a recovery and a golden-path
 * section pointed at a {@link ReferenceServer} on an ephemeral port, with fresh credentials. The
 * config it runs is written next to the reports (credentials only as {@code ${NAME}} references).
 */
public final class Demo implements AutoCloseable {

    /** The name of the config the demo ran, in its report directory. */
    public static final String CONFIG_NAME = "demo-config.yml";

    private final ReferenceServer server;
    private final Path config;
    private final Map<String, String> environment;

    private Demo(ReferenceServer server, Path config, Map<String, String> environment) {
        this.server = server;
        this.config = config;
        this.environment = environment;
    }

    /** Starts the server and writes the demo's config into {@code outDir}. */
    public static Demo start(Path root, Path outDir, Fault fault, int faultPercent, int users) throws IOException {
        Path own = root.resolve(".recovery-gates.yml");
        if (!Files.isRegularFile(own)) {
            throw new ConfigException("demo: " + own + " not found; run it from the repository's root or pass --root");
        }
        SecureRandom random = new SecureRandom();
        String secret = HexFormat.of().formatHex(random.generateSeed(24));
        String password = HexFormat.of().formatHex(random.generateSeed(8));
        ReferenceServer.Options options = ReferenceServer.Options.healthy(secret, password)
                .with(fault, fault == Fault.NONE ? 0 : faultPercent);
        ReferenceServer server = ReferenceServer.start(options, 0);
        try {
            Files.createDirectories(outDir);
            Path config = outDir.resolve(CONFIG_NAME);
            Files.writeString(config, "# The config `demo` ran: " + own + " and sections for the reference server.\n"
                    + Files.readString(own) + "\n" + recoverySection(server) + server.goldenPathSection(users, 2));
            Map<String, String> env = new HashMap<>(System.getenv());
            env.put("JWT_SECRET_KEY", secret);
            env.put("E2E_PASSWORD", password);
            env.put("DEMO_AUTH_URL", server.httpUrl().toString());
            return new Demo(server, config, Map.copyOf(env));
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    public Path config() {
        return config;
    }

    /** The variables the demo's config reads (the process's, plus the fresh credentials). */
    public Map<String, String> environment() {
        return environment;
    }

    public ReferenceServer server() {
        return server;
    }

    private static String recoverySection(ReferenceServer server) {
        return "recovery:\n"
                + "  env:\n"
                + "    required: [JWT_SECRET_KEY, E2E_PASSWORD]\n"
                + "    secrets: {JWT_SECRET_KEY: {minLength: 32}}\n"
                + "  wait: {timeout: 20s, interval: 500ms}\n"
                + "  checks:\n"
                + "    - {name: auth, type: http, url: \"" + server.healthUrl() + "\", expect: {status: 200}}\n"
                + "    - {name: backend, type: tcp, url: \"tcp://127.0.0.1:" + server.port() + "\", dependsOn: [auth]}\n";
    }

    @Override
    public void close() {
        server.close();
    }
}
