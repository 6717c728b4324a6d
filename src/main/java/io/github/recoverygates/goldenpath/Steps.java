package io.github.recoverygates.goldenpath;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.recoverygates.core.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The conversation of a journey once its socket is open, compiled from {@code goldenPath.steps} (or,
 * without steps, from {@code send} and the final expected event): sends, and waits for a message that
 * matches a condition, each wait with its own deadline.
 */
final class Steps {

    /** How long one regular expression may take on one message: a config's pattern never stalls a journey. */
    private static final long REGEX_BUDGET_NANOS = 100_000_000L;
    /** The longest text a pattern is matched against. */
    private static final int REGEX_MAX_CHARS = 64 * 1024;

    private Steps() {
    }

    /** A step: send a message, or wait for one. */
    sealed interface Step permits Send, Wait {
    }

    /** Send {@code message} (placeholders applied); {@code correlated}: it carries a fresh {@code {correlation}} id. */
    record Send(JsonNode message, boolean correlated) implements Step {

        /** The message as sent, placeholders from {@code t} applied; its string values join {@code identity}. */
        String text(Template t, ObjectMapper json, Set<String> identity) throws JsonProcessingException {
            JsonNode applied = t.apply(message);
            Template.strings(applied, identity);
            return applied.isTextual() ? applied.asText() : json.writeValueAsString(applied);
        }
    }

    /** A value a message must have at a path. */
    record Equals(JsonPath path, JsonNode expected) {
    }

    /** A pattern a message's value at a path must contain. */
    record Matches(JsonPath path, Pattern pattern) {
    }

    /**
     * Wait within {@code within} for a message of type {@code event} (null: any) meeting every condition;
     * {@code correlate}: its value there must be the correlation id of the last correlated send before it.
     */
    record Wait(String event, List<Equals> where, List<Matches> matches, JsonPath correlate, Duration within)
            implements Step {

        /** What this step waits for, in words: "pong with $.id = the correlation id". */
        String describe() {
            List<String> parts = new ArrayList<>();
            where.forEach(w -> parts.add(w.path() + " = " + (w.expected().isTextual() ? w.expected().asText() : w.expected())));
            matches.forEach(m -> parts.add(m.path() + " ~ /" + m.pattern() + "/"));
            if (correlate != null) {
                parts.add(correlate + " = the correlation id");
            }
            return (event == null ? "a message" : event) + (parts.isEmpty() ? "" : " with " + String.join(", ", parts));
        }

        /** Whether the message of {@code type} with {@code body} is the one this step waits for. */
        boolean matches(String type, JsonNode body, Template template, String correlation) {
            if (event != null && !event.equals(type)) {
                return false;
            }
            for (Equals e : where) {
                JsonNode value = e.path().read(body);
                JsonNode expected = e.expected().isTextual()
                        ? com.fasterxml.jackson.databind.node.TextNode.valueOf(template.apply(e.expected().asText()))
                        : e.expected();
                if (value.isMissingNode() || !same(value, expected)) {
                    return false;
                }
            }
            for (Matches m : matches) {
                String value = m.path().text(body);
                if (value == null || !find(m.pattern(), value)) {
                    return false;
                }
            }
            if (correlate != null) {
                String value = correlate.text(body);
                return value != null && value.equals(correlation);
            }
            return true;
        }
    }

    /** The steps of {@code config}: its own, or send the message and wait for the final expected event. */
    static List<Step> of(GoldenPathConfig config) {
        if (config.steps().isEmpty()) {
            return List.of(new Send(config.send(), Template.usesCorrelation(config.send())),
                    new Wait(config.expect().finalEvent(), List.of(), List.of(), null, config.expect().timeout()));
        }
        List<Step> steps = new ArrayList<>();
        for (GoldenPathConfig.Step s : config.steps()) {
            if (s.send() != null) {
                steps.add(new Send(s.send(), Template.usesCorrelation(s.send())));
            } else {
                GoldenPathConfig.Wait w = s.waitFor();
                List<Equals> where = new ArrayList<>();
                w.where().forEach((path, value) -> where.add(new Equals(JsonPath.parse(path), value)));
                List<Matches> matches = new ArrayList<>();
                w.matches().forEach((path, regex) -> matches.add(new Matches(JsonPath.parse(path), Pattern.compile(regex))));
                steps.add(new Wait(w.event(), List.copyOf(where), List.copyOf(matches),
                        w.correlate() == null ? null : JsonPath.parse(w.correlate()),
                        w.within() == null ? config.expect().timeout() : w.within()));
            }
        }
        return List.copyOf(steps);
    }

    /** The message types the steps wait for by name. */
    static List<String> waitedTypes(List<Step> steps) {
        return steps.stream().filter(s -> s instanceof Wait w && w.event() != null).map(s -> ((Wait) s).event())
                .distinct().toList();
    }

    static boolean same(JsonNode actual, JsonNode expected) {
        if (actual.isValueNode() && expected.isValueNode()) {
            return actual.asText().equals(expected.asText());
        }
        return actual.equals(expected);
    }

    /** {@code pattern.matcher(text).find()}, on at most 64 KiB of text and within 100 ms (else: no match). */
    static boolean find(Pattern pattern, String text) {
        CharSequence bounded = new Bounded(text.length() > REGEX_MAX_CHARS ? text.substring(0, REGEX_MAX_CHARS) : text,
                System.nanoTime() + REGEX_BUDGET_NANOS);
        try {
            return pattern.matcher(bounded).find();
        } catch (Bounded.Overdue e) {
            return false;
        }
    }

    /** Text that stops a regular expression which has run too long (backtracking on hostile input). */
    private static final class Bounded implements CharSequence {
        static final class Overdue extends RuntimeException {
            Overdue() {
                super("pattern took too long", null, false, false);
            }
        }

        private final String text;
        private final long deadline;
        private int reads;

        Bounded(String text, long deadline) {
            this.text = text;
            this.deadline = deadline;
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            if ((++reads & 0x3ff) == 0 && System.nanoTime() > deadline) {
                throw new Overdue();
            }
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Bounded(text.substring(start, end), deadline);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
