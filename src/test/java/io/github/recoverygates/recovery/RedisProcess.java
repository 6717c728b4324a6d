package io.github.recoverygates.recovery;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real {@code redis-server} (Debian's package) on a free 127.0.0.1 port, with or without a password. */
final class RedisProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private RedisProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static boolean available() {
        return java.nio.file.Files.isExecutable(Path.of("/usr/bin/redis-server"));
    }

    static RedisProcess start(Path dir, String password) throws IOException, InterruptedException {
        return startOn(Ports.dead(), dir, password);
    }

    static RedisProcess startOn(int port, Path dir, String password) throws IOException, InterruptedException {
        return launch(port, dir, password, List.of("--port", String.valueOf(port)));
    }

    /** A TLS-only Redis with this certificate and key (PEM); clients need no certificate of their own. */
    static RedisProcess startTls(Path dir, Path cert, Path key) throws IOException, InterruptedException {
        int port = Ports.dead();
        return launch(port, dir, null, List.of("--port", "0", "--tls-port", String.valueOf(port),
                "--tls-cert-file", cert.toString(), "--tls-key-file", key.toString(),
                "--tls-ca-cert-file", cert.toString(), "--tls-auth-clients", "no"));
    }

    private static RedisProcess launch(int port, Path dir, String password, List<String> listen)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/redis-server"));
        cmd.addAll(listen);
        cmd.addAll(List.of(
                "--bind", "127.0.0.1", "--dir", dir.toString(), "--save", "", "--appendonly", "no",
                "--daemonize", "no", "--loglevel", "warning"));
        if (password != null) {
            cmd.addAll(List.of("--requirepass", password));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis-" + port + ".log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return new RedisProcess(p, port);
            } catch (IOException notYet) {
                if (!p.isAlive()) {
                    throw new IOException("redis-server exited with " + p.exitValue());
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
        p.destroyForcibly();
        throw new IOException("redis-server did not listen on " + port + " within 15s");
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
