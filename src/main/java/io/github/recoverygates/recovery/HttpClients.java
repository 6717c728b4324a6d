package io.github.recoverygates.recovery;

import java.net.http.HttpClient;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * The HTTP clients of one gate run, shared by every http and websocket check with the same TLS
 * trust and redirect policy: a client owns a selector thread and a connection pool, and twenty
 * checks need not build twenty. Deadlines are per request, so sharing changes no timeout.
 */
final class HttpClients {

    private record Key(String caFile, boolean followRedirects) {
    }

    private final Map<Key, HttpClient> clients = new HashMap<>();

    synchronized HttpClient get(String caFile, SSLContext tls, boolean followRedirects) {
        return clients.computeIfAbsent(new Key(Objects.toString(caFile, ""), followRedirects), k -> {
            HttpClient.Builder builder = HttpClient.newBuilder()
                    .followRedirects(followRedirects ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER);
            if (tls != null) {
                builder.sslContext(tls);
            }
            return builder.build();
        });
    }
}
