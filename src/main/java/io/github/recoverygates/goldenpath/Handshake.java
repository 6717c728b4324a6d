package io.github.recoverygates.goldenpath;

import java.net.http.HttpHeaders;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Why a WebSocket upgrade failed, said precisely: no {@code 101} (a web server answered the page), a
 * {@code 502}/{@code 404} from a proxy, the token refused, or the auth header missing on arrival. The
 * last is told apart from a wrong token when the server reports the header names it received
 * ({@value #RECEIVED_HEADER}, as the reference server does): a header the client sent that is not among
 * them was stripped on the way (a load balancer, a proxy).
 */
final class Handshake {

    /** A refused upgrade's header listing the request header names the server received (names only). */
    static final String RECEIVED_HEADER = "X-Received-Headers";
    private static final int MAX_SHOWN = 120;

    private Handshake() {
    }

    /** A failed upgrade: its failure class and one line about it. */
    record Diagnosis(String failureClass, String detail) {
    }

    /**
     * @param where     the URL, its query cut
     * @param status    the status the upgrade got
     * @param headers   the response's headers
     * @param sentAuth  the request header that carried the token ({@code Authorization}, {@code Sec-WebSocket-Protocol}), or null
     * @param mask      the run's secret masker: what the server sent is masked before it is cut
     */
    static Diagnosis refused(String where, int status, HttpHeaders headers, String body, String sentAuth,
                             java.util.function.UnaryOperator<String> mask) {
        String from = answeredBy(headers, mask);
        String shownBody = body == null || body.isBlank() ? "" : ": " + oneLine(body, mask);
        Optional<List<String>> received = headers.firstValue(RECEIVED_HEADER)
                .map(v -> Arrays.stream(v.split(",")).map(h -> h.strip().toLowerCase(Locale.ROOT))
                        .filter(h -> !h.isEmpty()).toList());
        if ((status == 401 || status == 403) && sentAuth != null && received.isPresent()
                && !received.get().contains(sentAuth.toLowerCase(Locale.ROOT))) {
            return new Diagnosis("auth-header-stripped", "the upgrade to " + where + " answered HTTP " + status
                    + ": the client sent " + sentAuth + ", but it was missing on arrival (the server received "
                    + oneLine(String.join(", ", received.get()), mask) + "): something between them — a proxy or load balancer — "
                    + "strips it");
        }
        String detail = switch (status) {
            case 401 -> " (no or unreadable token" + (sentAuth == null ? ""
                    : "; the client sent it in " + sentAuth + ": if a proxy sits in between, check that it forwards "
                    + sentAuth) + ")";
            case 403 -> " (token refused)";
            case 404 -> " (no WebSocket endpoint at this path" + (from.isEmpty() ? "" : "; answered by " + from) + ")";
            case 502, 503, 504 -> " from a proxy" + (from.isEmpty() ? "" : " (" + from + ")")
                    + ": it has no healthy backend for this path";
            case 426 -> " (Upgrade Required: the server wants another WebSocket version)";
            default -> status >= 200 && status < 400
                    ? " instead of 101 Switching Protocols: no WebSocket here, the URL is served as a plain "
                    + (status >= 300 ? "redirect" : "page") + (from.isEmpty() ? "" : " by " + from)
                    : from.isEmpty() ? "" : " (" + from + ")";
        };
        return new Diagnosis("http-" + status, "the upgrade to " + where + " answered HTTP " + status + detail + shownBody);
    }

    /** "Server: nginx/1.25; Via: 1.1 lb" when the answer names its server or the proxies it passed. */
    private static String answeredBy(HttpHeaders headers, java.util.function.UnaryOperator<String> mask) {
        StringBuilder s = new StringBuilder();
        headers.firstValue("Server").ifPresent(v -> s.append("Server: ").append(oneLine(v, mask)));
        headers.firstValue("Via").ifPresent(v -> s.append(s.length() == 0 ? "" : "; ").append("Via: ").append(oneLine(v, mask)));
        return s.toString();
    }

    /** Masked first, then one line and cut. */
    static String oneLine(String text, java.util.function.UnaryOperator<String> mask) {
        String line = mask.apply(text).strip().replaceAll("\\s+", " ");
        return line.length() > MAX_SHOWN ? line.substring(0, MAX_SHOWN) + "…" : line;
    }
}
