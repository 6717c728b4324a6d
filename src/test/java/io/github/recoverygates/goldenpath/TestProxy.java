package io.github.recoverygates.goldenpath;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A real HTTP/WebSocket proxy on 127.0.0.1 for tests, in front of a backend: it forwards the bytes of
 * each connection, after rewriting the two HTTP heads as the seeds' load balancer did — dropping
 * request headers ({@code Authorization}, {@code Sec-WebSocket-Protocol}) or response headers — or it
 * answers every request itself with a canned status, as a proxy whose backend is gone does.
 */
final class TestProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress backend;
    private final Set<String> stripRequest;
    private final Set<String> stripResponse;
    private final String cannedAnswer;
    private final List<Socket> open = new ArrayList<>();

    private TestProxy(int backendPort, Set<String> stripRequest, Set<String> stripResponse, String cannedAnswer)
            throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.backend = new InetSocketAddress(InetAddress.getLoopbackAddress(), backendPort);
        this.stripRequest = lower(stripRequest);
        this.stripResponse = lower(stripResponse);
        this.cannedAnswer = cannedAnswer;
        Thread acceptor = new Thread(this::accept, "test-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Forwards to {@code backendPort}, dropping these request headers on the way in and these response headers on the way out. */
    static TestProxy stripping(int backendPort, Set<String> requestHeaders, Set<String> responseHeaders) throws IOException {
        return new TestProxy(backendPort, requestHeaders, responseHeaders, null);
    }

    /** Answers every request with {@code status} and a small body, as {@code Server: test-proxy} via {@code 1.1 test-proxy}. */
    static TestProxy answering(int status, String reason, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String answer = "HTTP/1.1 " + status + " " + reason + "\r\nServer: test-proxy\r\nVia: 1.1 test-proxy\r\n"
                + "Content-Type: " + contentType + "\r\nContent-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n" + body;
        return new TestProxy(0, Set.of(), Set.of(), answer);
    }

    int port() {
        return listener.getLocalPort();
    }

    String wsUrl(String path) {
        return "ws://127.0.0.1:" + port() + path;
    }

    private static Set<String> lower(Set<String> names) {
        return Set.copyOf(names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList());
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                track(client);
                Thread t = new Thread(() -> handle(client), "test-proxy-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private synchronized void track(Socket s) {
        open.add(s);
    }

    private void handle(Socket client) {
        try {
            InputStream fromClient = client.getInputStream();
            String requestHead = readHead(fromClient);
            if (cannedAnswer != null) {
                client.getOutputStream().write(cannedAnswer.getBytes(StandardCharsets.UTF_8));
                client.getOutputStream().flush();
                client.close();
                return;
            }
            Socket server = new Socket();
            track(server);
            server.connect(backend, 2000);
            OutputStream toServer = server.getOutputStream();
            toServer.write(filter(requestHead, stripRequest).getBytes(StandardCharsets.ISO_8859_1));
            toServer.flush();
            InputStream fromServer = server.getInputStream();
            String responseHead = readHead(fromServer);
            client.getOutputStream().write(filter(responseHead, stripResponse).getBytes(StandardCharsets.ISO_8859_1));
            client.getOutputStream().flush();
            Thread up = new Thread(() -> pipe(fromClient, toServer), "test-proxy-up");
            up.setDaemon(true);
            up.start();
            pipe(fromServer, client.getOutputStream());
        } catch (IOException e) {
            // a connection the test or the gate closed
        } finally {
            try {
                client.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    /** The head up to and including the blank line. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last = 0; // the last four bytes, one per octet
        while (last != 0x0d0a0d0a) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed in the head");
            }
            head.write(b);
            last = (last << 8) | b;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static String filter(String head, Set<String> drop) {
        StringBuilder out = new StringBuilder();
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && drop.contains(line.substring(0, colon).strip().toLowerCase(Locale.ROOT))) {
                continue;
            }
            out.append(line).append("\r\n");
        }
        return out.append("\r\n").toString();
    }

    private static void pipe(InputStream in, OutputStream out) {
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed
        }
    }

    @Override
    public synchronized void close() throws IOException {
        listener.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
