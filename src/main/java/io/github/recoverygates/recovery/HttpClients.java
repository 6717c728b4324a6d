package io.github.recoverygates.recovery;

import java.net.URI;
import java.net.http.HttpClient;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
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
 */
final class HttpClients {

    /** Keyed by caFile, redirect policy and plain-only, as a string: a record's hashCode costs a short run its bootstrap. */
    private final Map<String, HttpClient> clients = new HashMap<>();

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
