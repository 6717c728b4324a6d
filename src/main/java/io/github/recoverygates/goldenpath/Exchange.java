package io.github.recoverygates.goldenpath;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.recoverygates.core.JsonPath;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The messages of one journey's socket, both ways: what was sent when (with its correlation id), what
 * arrived when, which wait each arrival answered, and every arrival's round-trip time — since the send it
 * answers: by correlation id when its wait names one, else the last send before it. Not thread-safe: the
 * journey holds its lock.
 */
final class Exchange {

    /** A message as it arrived; {@code rttMs} is set when it is attributed to a send. */
    static final class Received {
        final String type;
        final long atNanos;
        final JsonNode body;
        Long rttMs;
        boolean consumed;

        Received(String type, long atNanos, JsonNode body) {
            this.type = type;
            this.atNanos = atNanos;
            this.body = body;
        }
    }

    /** A message sent: when, by which step, with which correlation id (or null). */
    private record Sent(int step, long atNanos, String correlation) {
    }

    private final List<Received> received = new ArrayList<>();
    private final List<Sent> sent = new ArrayList<>();

    boolean nothingSent() {
        return sent.isEmpty();
    }

    boolean nothingReceived() {
        return received.isEmpty();
    }

    void sent(int step, long atNanos, String correlation) {
        sent.add(new Sent(step, atNanos, correlation));
    }

    /** The message {@code text} as read: its type at {@code eventType}, or "(not JSON)" with its masked start. */
    static Received read(String text, long atNanos, ObjectMapper json, JsonPath eventType, UnaryOperator<String> mask) {
        try {
            JsonNode body = json.readTree(text);
            String t = eventType.text(body);
            return new Received(t == null ? "(no type)" : t, atNanos, body);
        } catch (JsonProcessingException e) {
            String shown = mask.apply(text); // masked before it is cut: no piece of a secret survives the cut
            return new Received("(not JSON)", atNanos,
                    TextNode.valueOf(shown.length() > 200 ? shown.substring(0, 200) + "…" : shown));
        }
    }

    /** Keeps an arrival, its round trip counted from the last send (if any). */
    void received(Received r) {
        if (!sent.isEmpty()) {
            r.rttMs = (r.atNanos - sent.get(sent.size() - 1).atNanos()) / 1_000_000;
        }
        received.add(r);
    }

    /** The first message not yet consumed that arrived since the last send (or {@code openedAt}) and answers {@code w}. */
    Received earlier(Steps.Wait w, long openedAt, Template template) {
        long since = sent.isEmpty() ? openedAt : sent.get(sent.size() - 1).atNanos();
        for (Received r : received) {
            if (!r.consumed && r.atNanos >= since && matches(w, r, template)) {
                return r;
            }
        }
        return null;
    }

    boolean matches(Steps.Wait w, Received r, Template template) {
        return w.matches(r.type, r.body, template, correlation());
    }

    /** The correlation id of the last send that had one. */
    private String correlation() {
        for (int i = sent.size() - 1; i >= 0; i--) {
            if (sent.get(i).correlation() != null) {
                return sent.get(i).correlation();
            }
        }
        return null;
    }

    /** {@code r} answers {@code w}: with a correlating wait, its round trip counts from the send with that id. */
    void consume(Received r, Steps.Wait w) {
        r.consumed = true;
        if (w.correlate() != null) {
            String id = correlation();
            for (Sent s : sent) {
                if (id != null && id.equals(s.correlation())) {
                    r.rttMs = (r.atNanos - s.atNanos()) / 1_000_000;
                }
            }
        }
    }

    /**
     * The first of {@code events} not seen yet, up to {@code target}: the journey's timeout is named after
     * the event that did not come, not after the last one it waited for.
     */
    String nextExpected(List<String> events, String target) {
        Set<String> seen = new HashSet<>();
        received.forEach(r -> seen.add(r.type));
        int until = events.indexOf(target);
        if (until < 0) {
            return target;
        }
        for (int i = 0; i <= until; i++) {
            if (!seen.contains(events.get(i))) {
                return events.get(i);
            }
        }
        return target;
    }

    /** Every arrival as recorded, its time since {@code zero} (the socket's opening). */
    List<JourneyRecord.Event> events(long zero) {
        List<JourneyRecord.Event> events = new ArrayList<>(received.size());
        for (Received r : received) {
            events.add(new JourneyRecord.Event(r.type, (r.atNanos - zero) / 1_000_000, r.rttMs, r.body));
        }
        return List.copyOf(events);
    }
}
