package io.github.recoverygates.cli;

import io.github.recoverygates.core.ConfigException;
import io.github.recoverygates.demo.Fault;
import io.github.recoverygates.demo.ReferenceServer;
import io.github.recoverygates.render.ConsoleText;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code serve-reference}: the reference auth + agent server on 127.0.0.1, for trying the recovery and
 * golden-path gates by hand and for the benchmarks. Without {@code JWT_SECRET_KEY} / {@code E2E_PASSWORD}
 * in the environment it makes fresh ones and writes them to an env file only this user can read.
 */
@Command(name = "serve-reference", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run the reference auth/agent server on 127.0.0.1 until stopped (Ctrl-C).",
        footer = {"", "Examples:",
                "  java -jar recovery-gates.jar serve-reference --port 8080",
                "  java -jar recovery-gates.jar serve-reference --fault CLOSE_1011 --fault-percent 20 --env-file ref.env"})
public class ServeReferenceCommand implements Callable<Integer> {

    private final PrintStream out;

    @Option(names = "--port", paramLabel = "N", description = "Port to listen on (default: a free one).")
    int port;

    @Option(names = "--fault", paramLabel = "NAME", description = "Misbehave: ${COMPLETION-CANDIDATES} (default: NONE).")
    Fault fault = Fault.NONE;

    @Option(names = "--fault-percent", paramLabel = "P", description = "Share of journeys the fault hits (default: 100).")
    int faultPercent = 100;

    @Option(names = "--event-delay", paramLabel = "MS", description = "Milliseconds between agent events (default: 5).")
    long eventDelayMs = 5;

    @Option(names = "--env-file", paramLabel = "FILE",
            description = "Where generated credentials go (default: a new private file under the temp directory).")
    Path envFile;

    public ServeReferenceCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new ConfigException("--port must be 0..65535, got " + port);
        }
        String secret = System.getenv("JWT_SECRET_KEY");
        String password = System.getenv("E2E_PASSWORD");
        boolean generated = false;
        SecureRandom random = new SecureRandom();
        if (secret == null || secret.isBlank()) {
            secret = HexFormat.of().formatHex(random.generateSeed(24));
            generated = true;
        }
        if (password == null || password.isBlank()) {
            password = HexFormat.of().formatHex(random.generateSeed(8));
            generated = true;
        }
        ReferenceServer.Options options = new ReferenceServer.Options(secret, password, fault,
                fault == Fault.NONE ? 0 : faultPercent, Duration.ofMillis(eventDelayMs), null);
        ReferenceServer server = ReferenceServer.start(options, port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        out.println("reference server on " + server.httpUrl() + " (login " + server.loginUrl() + ", health "
                + server.healthUrl() + ", websocket " + server.webSocketUrl() + ")");
        if (generated) {
            Path file = writeEnv(secret, password);
            out.println("credentials generated: JWT_SECRET_KEY and E2E_PASSWORD are in "
                    + ConsoleText.safe(file.toString()) + " (source it before running the gates)");
        }
        out.flush();
        server.awaitClose();
        return 0;
    }

    private Path writeEnv(String secret, String password) throws java.io.IOException {
        Path file = envFile != null ? envFile : Files.createTempFile("recovery-gates-reference", ".env",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, "JWT_SECRET_KEY=" + secret + "\nE2E_PASSWORD=" + password + "\n",
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the file is as private as the directory it is in
        }
        return file;
    }
}
