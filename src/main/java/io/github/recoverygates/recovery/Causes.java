package io.github.recoverygates.recovery;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import javax.net.ssl.SSLException;

/** Turns the exceptions of network calls into causes a person reads at a glance. */
final class Causes {
    private Causes() {
    }

    static String describe(Throwable error, String target, Duration timeout) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof HttpConnectTimeoutException) {
                return "no connection within " + format(timeout) + " to " + target;
            }
            if (t instanceof HttpTimeoutException || t instanceof SocketTimeoutException) {
                String m = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
                return (m.contains("connect") ? "no connection within " : "no answer within ")
                        + format(timeout) + " from " + target;
            }
            if (t instanceof ConnectException) {
                return "connection refused on " + target;
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to " + target;
            }
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return "unknown host in " + target;
            }
            if (t instanceof SSLException) {
                return "TLS handshake with " + target + " failed: " + t.getMessage();
            }
            if (t instanceof EOFException) {
                return "connection closed by " + target + " before an answer";
            }
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message + " (" + target + ")";
    }

    /** Durations in messages: 3s, 250ms, 1.5s. */
    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
    }
}
