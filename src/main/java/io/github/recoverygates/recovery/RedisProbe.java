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
 * An answer that is not RESP (an HTTP server, an SSH banner, a proxy's error page on the port) is a
 * protocol error at once, quoting what came (masked, then cut) — not a timeout.
 */
final class RedisProbe implements Probe {

    private static final int MAX_LINE = 4096;
    /** How much of a non-RESP answer is quoted. */
    private static final int MAX_QUOTE = 80;
    /** The first byte of every RESP2 and RESP3 reply. */
    private static final String RESP_TYPES = "+-:$*_,#!=(|%~>";

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final Integer database;
    private final SSLContext tls;
    private final String shownUrl;
    private final io.github.recoverygates.core.SecretMasker masker;

    RedisProbe(CheckSpec spec, SSLContext tls, io.github.recoverygates.core.SecretMasker masker)
            throws java.security.GeneralSecurityException {
        this.masker = masker;
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
                String reply = call(socket, in, out, deadline, auth, "AUTH");
                if (reply.startsWith("-")) {
                    throw new ProbeFailure("Redis at " + shownUrl + " refused AUTH: " + shown(reply.substring(1)),
                            "+OK to AUTH", quote(reply));
                }
            }
            if (database != null) {
                String reply = call(socket, in, out, deadline, List.of("SELECT", String.valueOf(database)), "SELECT");
                if (reply.startsWith("-")) {
                    throw new ProbeFailure("Redis at " + shownUrl + " refused SELECT " + database + ": " + shown(reply.substring(1)),
                            "+OK to SELECT " + database, quote(reply));
                }
            }
            String pong = call(socket, in, out, deadline, List.of("PING"), "PING");
            if (!pong.equals("+PONG")) {
                String said = pong.startsWith("-") ? pong.substring(1) : pong;
                throw new ProbeFailure("Redis at " + shownUrl + " answered PING with "
                        + (pong.startsWith("-") ? shown(said) : quote(said)), "+PONG",
                        quote(pong));
            }
            return "PONG";
        } catch (IOException e) {
            String cause = Causes.describe(e, target, timeout);
            throw new ProbeFailure(cause, "+PONG within " + Causes.format(timeout), cause, e);
        }
    }

    private String call(Socket socket, InputStream in, OutputStream out, long deadline, List<String> args,
                        String command) throws IOException, ProbeFailure {
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
        return readReply(socket, in, command);
    }

    /**
     * One reply line. Its first byte must be a RESP type; anything else is a protocol error quoting
     * the bytes that came (what is there at once, at most a line), so garbage never waits for a newline.
     */
    private String readReply(Socket socket, InputStream in, String command) throws IOException, ProbeFailure {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int first = in.read();
        if (first < 0) {
            throw new EOFException("connection closed");
        }
        boolean resp = RESP_TYPES.indexOf(first) >= 0;
        line.write(first);
        if (!resp) {
            // take what else has arrived (briefly), to quote it
            socket.setSoTimeout(200);
            try {
                while (line.size() < MAX_QUOTE * 2) {
                    if (in.available() == 0 && line.size() > 1) {
                        break;
                    }
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    line.write(b);
                }
            } catch (java.net.SocketTimeoutException e) {
                // nothing more came: quote what did
            }
            String said = line.toString(StandardCharsets.UTF_8);
            throw new ProbeFailure("Redis at " + shownUrl + " answered " + command + " with something that is not "
                    + "the Redis protocol (RESP): " + quote(said), "a RESP reply to " + command, quote(said));
        }
        while (true) {
            if (line.size() >= MAX_LINE) {
                String said = line.toString(StandardCharsets.UTF_8);
                throw new ProbeFailure("Redis at " + shownUrl + " answered " + command + " with a line longer than "
                        + MAX_LINE + " bytes: " + quote(said), "a RESP reply to " + command, quote(said));
            }
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

    /** What the server sent, masked first, then with control characters shown ({@code \r}, {@code \x00}) and cut. */
    private String quote(String said) {
        return "'" + shown(said) + "'";
    }

    /** As {@link #quote}, without the quotes (a Redis error's own words). */
    private String shown(String said) {
        String masked = masker == null ? said : masker.mask(said);
        StringBuilder out = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < masked.length() && shown < MAX_QUOTE; i++, shown++) {
            char c = masked.charAt(i);
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append(masked.length() > MAX_QUOTE ? "…" : "").toString();
    }

    private static int millisLeft(long deadline) throws java.net.SocketTimeoutException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new java.net.SocketTimeoutException("deadline passed");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }
}
