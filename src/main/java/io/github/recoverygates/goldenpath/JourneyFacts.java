package io.github.recoverygates.goldenpath;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.recoverygates.core.JsonPath;
import io.github.recoverygates.core.SecretMasker;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the judge needs to know of one journey, without its message bodies: for each message its type,
 * times, identity values and what its body lacked. A shard report keeps these for every journey (with
 * the identity values hashed), so that {@code merge} judges all journeys of the run together — the
 * isolation check included, which needs every user's values — exactly as one unsharded run would.
 *
 * @param identity the values this journey sent (its uuid, login name, correlation ids)
 * @param events   its messages in arrival order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"user", "iteration", "identity", "loginMs", "connectMs", "upgraded", "connected", "stopClass",
        "stopDetail", "totalMs", "completed", "events"})
record JourneyFacts(int user, int iteration, List<String> identity, long loginMs, long connectMs, boolean upgraded,
                    boolean connected, String stopClass, String stopDetail, long totalMs, boolean completed,
                    List<Message> events) {

    /**
     * One message.
     *
     * @param identity the values at the {@code expect.identity} paths, in their order ("" when absent)
     * @param missing  the {@code expect.fields} paths of its type it lacks
     * @param answer   for a message of the final event's type: what is wrong with its answer, or null
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"type", "atMs", "rttMs", "identity", "missing", "answer"})
    record Message(String type, long atMs, Long rttMs, List<String> identity, List<String> missing, String answer) {
        Message {
            identity = identity == null ? List.of() : identity;
            missing = missing == null ? List.of() : missing;
        }
    }

    JourneyFacts {
        identity = identity == null ? List.of() : identity;
        events = events == null ? List.of() : events;
    }

    String label() {
        return JourneyRecord.label(user, iteration);
    }

    /** The facts of a recorded journey, judged against {@code expect}; texts from the server are masked before they are cut. */
    static JourneyFacts of(JourneyRecord r, GoldenPathConfig.Expect expect, Compiled compiled, SecretMasker masker) {
        List<Message> messages = new ArrayList<>(r.events().size());
        for (JourneyRecord.Event e : r.events()) {
            List<String> ids = new ArrayList<>(compiled.identity().size());
            for (JsonPath p : compiled.identity()) {
                String v = p.text(e.body());
                ids.add(v == null ? "" : v);
            }
            List<String> missing = new ArrayList<>();
            for (JsonPath p : compiled.fields().getOrDefault(e.type(), List.of())) {
                if (!p.present(e.body())) {
                    missing.add(p.toString());
                }
            }
            String answer = e.type().equals(expect.finalEvent()) ? answerProblem(e, expect, compiled, masker) : null;
            messages.add(new Message(e.type(), e.atMs(), e.rttMs(), ids, missing, answer));
        }
        return new JourneyFacts(r.user(), r.iteration(), new ArrayList<>(r.identity()), r.loginMs(), r.connectMs(),
                r.upgraded(), r.connected(), r.stopClass(), r.stopDetail(), r.totalMs(), r.completed(), messages);
    }

    /** The compiled paths of {@code expect}. */
    record Compiled(List<JsonPath> identity, Map<String, List<JsonPath>> fields, JsonPath answer) {
        static Compiled of(GoldenPathConfig.Expect expect) {
            Map<String, List<JsonPath>> fields = new java.util.HashMap<>();
            expect.fields().forEach((event, paths) -> fields.put(event, paths.stream().map(JsonPath::parse).toList()));
            return new Compiled(expect.identity().stream().map(JsonPath::parse).toList(), fields,
                    JsonPath.parse(expect.answer().path()));
        }
    }

    private static String answerProblem(JourneyRecord.Event e, GoldenPathConfig.Expect expect, Compiled compiled,
                                        SecretMasker masker) {
        String answer = compiled.answer().text(e.body());
        GoldenPathConfig.Answer rule = expect.answer();
        if (answer == null) {
            return expect.finalEvent() + " has no answer at " + compiled.answer();
        }
        List<String> problems = new ArrayList<>();
        if (answer.strip().length() < rule.minLength()) {
            problems.add("the answer has " + answer.strip().length() + " characters, fewer than " + rule.minLength());
        }
        String lower = answer.toLowerCase(Locale.ROOT);
        for (String word : rule.mustNotContain()) {
            if (lower.contains(word.toLowerCase(Locale.ROOT))) {
                problems.add("the answer contains '" + word + "'");
            }
        }
        if (problems.isEmpty()) {
            return null;
        }
        String masked = masker == null ? answer : masker.mask(answer);
        String shown = masked.length() > 80 ? masked.substring(0, 80) + "…" : masked;
        return String.join(", ", problems) + ": \"" + shown + "\"";
    }

    /**
     * These facts with every identity value replaced by a short digest: equal values stay equal (which is all
     * the isolation check compares), and the shard report does not carry the users' values themselves.
     */
    JourneyFacts hashed() {
        List<Message> ms = events.stream().map(m -> new Message(m.type(), m.atMs(), m.rttMs(),
                m.identity().stream().map(JourneyFacts::digest).toList(), m.missing(), m.answer())).toList();
        return new JourneyFacts(user, iteration, identity.stream().map(JourneyFacts::digest).sorted().toList(), loginMs,
                connectMs, upgraded, connected, stopClass, stopDetail, totalMs, completed, ms);
    }

    /** 96 bits of SHA-256, as 16 base64url characters; "" stays "" (no value). */
    static String digest(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(d, 12));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    Set<String> identitySet() {
        return Set.copyOf(identity);
    }
}
