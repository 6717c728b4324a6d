package io.github.recoverygates.recovery;

import java.net.URI;
import java.net.http.HttpClient;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The HTTP clients of one gate run, shared by every http and websocket check with the same TLS
 * trust and redirect policy: a client owns a selector thread and a connection pool, and twenty
 * checks need not build twenty. Deadlines are per request, so sharing changes no timeout.
 *
 * <p>A client for checks that can never speak TLS ({@code http://} or {@code ws://} without
 * redirects to follow) gets a TLS context that refuses to be used: the JDK's default one loads the
 * security providers and parses the CA store when the client is built, which costs a short run a
 * quarter of a second for nothing.
 *
 * <p>{@link #close} ends the clients' selector threads once the checks are done. On Java 17 a client
 * cannot be closed, and its selector thread waits in native code ({@code epoll_wait}) until the client
 * is collected; the JVM's exit waits up to 300 ms for threads in native code to return, so each run
 * that made a client exited a third of a second late.
 */
final class HttpClients implements AutoCloseable {

    /** Keyed by caFile, redirect policy and plain-only, as a string: a record's hashCode costs a short run its bootstrap. */
    private final Map<String, HttpClient> clients = new HashMap<>();

    /** The JDK's client prints as {@code jdk.internal.net.http.HttpClientImpl@1b2c3d(7)}: 7 is its id. */
    private static final Pattern CLIENT_ID = Pattern.compile("\\((\\d+)\\)$");
    private static final long CLOSE_WAIT_MS = 1000;

    /** The client for a check of {@code target}; {@code tls} is the trust of its {@code caFile}, or null. */
    synchronized HttpClient get(URI target, String caFile, SSLContext tls, boolean followRedirects) {
        boolean plainOnly = tls == null && !followRedirects && isPlain(target);
        String key = Objects.toString(caFile, "") + '\u0000' + followRedirects + '\u0000' + plainOnly;
        return clients.computeIfAbsent(key, k -> {
            HttpClient.Builder builder = HttpClient.newBuilder()
                    .followRedirects(followRedirects ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER);
            if (tls != null) {
                builder.sslContext(tls);
            } else if (plainOnly) {
                builder.sslContext(NoTls.CONTEXT);
            }
            return builder.build();
        });
    }

    /**
     * Stops the selector thread of every client made here, and waits (briefly) for it to end: the
     * requests of this run are over when this is called. A client's thread is found by the name the
     * JDK gives it ({@code HttpClient-<id>-SelectorManager}, the id from the client's {@code toString});
     * threads of clients not made here are never touched. On a JDK that names them otherwise this does
     * nothing, and the exit is only later.
     */
    @Override
    public synchronized void close() throws InterruptedException {
        Set<String> names = new HashSet<>();
        for (HttpClient client : clients.values()) {
            Matcher id = CLIENT_ID.matcher(client.toString());
            if (id.find()) {
                names.add("HttpClient-" + id.group(1) + "-SelectorManager");
            }
        }
        clients.clear();
        if (names.isEmpty()) {
            return;
        }
        List<Thread> selectors = new ArrayList<>();
        for (Thread t : allThreads()) {
            if (t != null && names.contains(t.getName())) {
                t.interrupt(); // its loop ends on interrupt and closes the selector and the connection pool
                selectors.add(t);
            }
        }
        for (Thread t : selectors) {
            t.join(CLOSE_WAIT_MS);
        }
    }

    private static Thread[] allThreads() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        while (root.enumerate(threads, true) == threads.length) {
            threads = new Thread[threads.length * 2];
        }
        return threads;
    }

    private static boolean isPlain(URI target) {
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("http") || scheme.equals("ws");
    }

    /** The TLS context of a client that only speaks plain HTTP: anything that would start TLS fails, naming why. */
    private static final class NoTls extends SSLContextSpi {

        static final SSLContext CONTEXT = new SSLContext(new NoTls(), null, "none") {
        };

        private static UnsupportedOperationException refused() {
            return new UnsupportedOperationException("TLS is not available to a plain http:// or ws:// check");
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) throws KeyManagementException {
            throw new KeyManagementException(refused());
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            throw refused();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return new SSLParameters();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return new SSLParameters();
        }
    }
}
