package io.github.recoverygates.recovery;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * {@code type: redis}: speaks RESP over a socket: {@code AUTH} when the URL carries a password
 * ({@code redis://:password@host:port}, {@code redis://user:password@host:port}), {@code SELECT}
 * when it names a database, then {@code PING}, which must answer {@code PONG}. {@code rediss://} uses TLS.
 */
final class RedisProbe implements Probe {

    private static final int MAX_LINE = 4096;

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final Integer database;
    private final SSLContext tls;
    private final String shownUrl;

    RedisProbe(CheckSpec spec, SSLContext tls) throws java.security.GeneralSecurityException {
        URI uri = URI.create(spec.url());
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("redis") && !scheme.equals("rediss")) {
            throw new IllegalArgumentException("a redis url starts with redis:// or rediss://");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("the redis url names no host");
        }
        this.host = uri.getHost();
        this.port = uri.getPort() > 0 ? uri.getPort() : 6379;
        String info = uri.getUserInfo();
        if (info == null || info.isEmpty()) {
            this.user = null;
            this.password = null;
        } else if (info.contains(":")) {
            String u = info.substring(0, info.indexOf(':'));
            this.user = u.isEmpty() ? null : u;
            this.password = info.substring(info.indexOf(':') + 1);
        } else {
            this.user = null;
            this.password = info;
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replace("/", "");
        this.database = path.isEmpty() ? null : Integer.valueOf(path);
        this.tls = scheme.equals("rediss") ? (tls != null ? tls : SSLContext.getDefault()) : null;
        this.shownUrl = scheme + "://" + host + ":" + port;
    }

    /** The password of the URL, so that the gate can register it as a secret. */
    String password() {
        return password;
    }

    @Override
    public String attempt(Duration timeout) throws ProbeFailure {
        String target = host + ":" + port;
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(host, port), millisLeft(deadline));
            Socket socket = plain;
            if (tls != null) {
                SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(plain, host, port, true);
                SSLParameters params = ssl.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                ssl.setSSLParameters(params);
                ssl.setSoTimeout(millisLeft(deadline));
                ssl.startHandshake();
                socket = ssl;
            }
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            if (password != null) {
                List<String> auth = new ArrayList<>(List.of("AUTH"));
                if (user != null) {
                    auth.add(user);
                }
                auth.add(password);
                String reply = call(socket, in, out, deadline, auth);
                if (reply.startsWith("-")) {
                    throw new ProbeFailure("Redis at " + shownUrl + " refused AUTH: " + reply.substring(1));
                }
            }
            if (database != null) {
                String reply = call(socket, in, out, deadline, List.of("SELECT", String.valueOf(database)));
                if (reply.startsWith("-")) {
                    throw new ProbeFailure("Redis at " + shownUrl + " refused SELECT " + database + ": " + reply.substring(1));
                }
            }
            String pong = call(socket, in, out, deadline, List.of("PING"));
            if (!pong.equals("+PONG")) {
                String said = pong.startsWith("-") ? pong.substring(1) : pong;
                throw new ProbeFailure("Redis at " + shownUrl + " answered PING with " + said);
            }
            return "PONG";
        } catch (IOException e) {
            throw new ProbeFailure(Causes.describe(e, target, timeout), e);
        }
    }

    private static String call(Socket socket, InputStream in, OutputStream out, long deadline, List<String> args)
            throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.writeBytes(("*" + args.size() + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (String arg : args) {
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            frame.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            frame.writeBytes(bytes);
            frame.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.write(frame.toByteArray());
        out.flush();
        socket.setSoTimeout(millisLeft(deadline));
        return readLine(in);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (line.size() < MAX_LINE) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed");
            }
            if (b == '\n') {
                break;
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    private static int millisLeft(long deadline) throws java.net.SocketTimeoutException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new java.net.SocketTimeoutException("deadline passed");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }
}
