package io.github.recoverygates.goldenpath;

import io.github.recoverygates.core.JsonPath;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Judges finished journeys against {@code expect}: the events, their order, their fields, the
 * answer, and isolation. Isolation needs every journey at once: a value at an identity path
 * ({@code $.payload.thread_id}, …) belongs to a user when only that user sent it (its uuid, its
 * login name) or when that user received it at least twice as often as all others together
 * (a server-made run id); an event carrying a value that belongs to another user is a leak.
 */
final class JourneyJudge {

    /** One way a journey failed. */
    record Failure(String failureClass, String detail) {
    }

    /** A journey with its failures (empty: it passed) and the events that belonged to other users. */
    record Judged(JourneyRecord journey, List<Failure> failures, Set<Integer> foreignEvents, int unexpectedEvents) {
        boolean passed() {
            return failures.isEmpty();
        }

        String outcome() {
            return passed() ? "passed" : failures.get(0).failureClass();
        }
    }

    private final GoldenPathConfig.Expect expect;
    private final List<JsonPath> identityPaths;
    private final Map<String, List<JsonPath>> fields = new HashMap<>();
    private final JsonPath answerPath;

    JourneyJudge(GoldenPathConfig.Expect expect) {
        this.expect = expect;
        this.identityPaths = expect.identity().stream().map(JsonPath::parse).toList();
        expect.fields().forEach((event, paths) -> fields.put(event, paths.stream().map(JsonPath::parse).toList()));
        this.answerPath = JsonPath.parse(expect.answer().path());
    }

    List<Judged> judge(List<JourneyRecord> journeys) {
        Map<String, Integer> owners = owners(journeys);
        List<Judged> judged = new ArrayList<>(journeys.size());
        for (JourneyRecord journey : journeys) {
            judged.add(judge(journey, owners));
        }
        return judged;
    }

    private Judged judge(JourneyRecord journey, Map<String, Integer> owners) {
        List<Failure> failures = new ArrayList<>();
        Set<Integer> foreign = new LinkedHashSet<>();
        List<String> leakDetails = new ArrayList<>();
        List<JourneyRecord.Event> events = journey.events();
        for (int i = 0; i < events.size(); i++) {
            for (JsonPath path : identityPaths) {
                String value = path.text(events.get(i).body());
                Integer owner = value == null ? null : owners.get(value);
                if (owner != null && owner != journey.user()) {
                    foreign.add(i);
                    leakDetails.add(events.get(i).type() + " carrying user " + owner + "'s " + path);
                    break;
                }
            }
        }
        List<JourneyRecord.Event> own = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (!foreign.contains(i)) {
                own.add(events.get(i));
            }
        }
        if (journey.stopClass() != null) {
            failures.add(new Failure(journey.stopClass(), journey.stopDetail()));
        }
        if (!foreign.isEmpty()) {
            failures.add(new Failure("cross-user-leak", "received " + foreign.size() + " event(s) of another user: "
                    + String.join("; ", leakDetails.subList(0, Math.min(3, leakDetails.size())))));
        }
        if (journey.completed()) {
            checkSequence(own, failures);
            checkFields(own, failures);
            checkAnswer(own, failures);
        }
        int unexpected = (int) own.stream().filter(e -> !expect.events().contains(e.type())).count();
        return new Judged(journey, List.copyOf(failures), Set.copyOf(foreign), unexpected);
    }

    private void checkSequence(List<JourneyRecord.Event> own, List<Failure> failures) {
        List<String> seen = own.stream().map(JourneyRecord.Event::type).filter(expect.events()::contains).toList();
        List<String> missing = expect.events().stream().filter(e -> !seen.contains(e)).toList();
        if (!missing.isEmpty()) {
            failures.add(new Failure("missing-event", "no " + String.join(", ", missing) + " (saw "
                    + arrow(own.stream().map(JourneyRecord.Event::type).toList()) + ")"));
        }
        List<String> wanted = expect.events().stream().filter(seen::contains).toList();
        boolean ordered;
        if (expect.order() == GoldenPathConfig.Order.STRICT) {
            ordered = seen.equals(wanted);
        } else {
            String first = expect.events().get(0);
            String last = expect.events().get(expect.events().size() - 1);
            ordered = seen.isEmpty() || (!seen.contains(first) || seen.get(0).equals(first))
                    && (!seen.contains(last) || seen.get(seen.size() - 1).equals(last));
        }
        if (!ordered) {
            failures.add(new Failure("out-of-order", "expected " + arrow(wanted) + ", got " + arrow(seen)));
        }
    }

    private void checkFields(List<JourneyRecord.Event> own, List<Failure> failures) {
        Set<String> reported = new LinkedHashSet<>();
        for (JourneyRecord.Event event : own) {
            for (JsonPath path : fields.getOrDefault(event.type(), List.of())) {
                if (!path.present(event.body())) {
                    reported.add(event.type() + " has no " + path);
                }
            }
        }
        if (!reported.isEmpty()) {
            failures.add(new Failure("missing-field", String.join("; ", reported)));
        }
    }

    private void checkAnswer(List<JourneyRecord.Event> own, List<Failure> failures) {
        JourneyRecord.Event answerEvent = null;
        for (JourneyRecord.Event event : own) {
            if (event.type().equals(expect.finalEvent())) {
                answerEvent = event;
            }
        }
        if (answerEvent == null) {
            return; // the final event came from another user: the leak already says so
        }
        String answer = answerPath.text(answerEvent.body());
        GoldenPathConfig.Answer rule = expect.answer();
        if (answer == null) {
            failures.add(new Failure("bad-answer", expect.finalEvent() + " has no answer at " + answerPath));
            return;
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
        if (!problems.isEmpty()) {
            String shown = answer.length() > 80 ? answer.substring(0, 80) + "…" : answer;
            failures.add(new Failure("bad-answer", String.join(", ", problems) + ": \"" + shown + "\""));
        }
    }

    /** Which user each identity value belongs to; values no single user owns are absent. */
    private Map<String, Integer> owners(List<JourneyRecord> journeys) {
        Map<String, Set<Integer>> senders = new HashMap<>();
        for (JourneyRecord journey : journeys) {
            for (String value : journey.identity()) {
                senders.computeIfAbsent(value, v -> new HashSet<>()).add(journey.user());
            }
        }
        Map<String, Map<Integer, Integer>> seen = new HashMap<>();
        for (JourneyRecord journey : journeys) {
            for (JourneyRecord.Event event : journey.events()) {
                for (JsonPath path : identityPaths) {
                    String value = path.text(event.body());
                    if (value != null && !value.isEmpty()) {
                        seen.computeIfAbsent(value, v -> new HashMap<>()).merge(journey.user(), 1, Integer::sum);
                    }
                }
            }
        }
        Map<String, Integer> owners = new HashMap<>();
        for (Map.Entry<String, Map<Integer, Integer>> e : seen.entrySet()) {
            Set<Integer> sentBy = senders.get(e.getKey());
            if (sentBy != null) {
                if (sentBy.size() == 1) {
                    owners.put(e.getKey(), sentBy.iterator().next());
                }
                continue;
            }
            Map<Integer, Integer> counts = e.getValue();
            int total = counts.values().stream().mapToInt(Integer::intValue).sum();
            counts.entrySet().stream().max(Map.Entry.comparingByValue()).ifPresent(top -> {
                if (counts.size() > 1 && top.getValue() >= 2 * (total - top.getValue())) {
                    owners.put(e.getKey(), top.getKey());
                }
            });
        }
        return owners;
    }

    static String arrow(List<String> types) {
        return types.isEmpty() ? "nothing" : types.stream().collect(Collectors.joining(" → "));
    }
}
