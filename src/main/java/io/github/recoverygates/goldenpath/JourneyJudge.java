package io.github.recoverygates.goldenpath;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Judges finished journeys against {@code expect}: the events, their order, their fields, the
 * answer, and isolation. Isolation needs every journey at once: a value at an identity path
 * ({@code $.payload.thread_id}, …) belongs to a user when only that user sent it (its uuid, its
 * login name) or when that user received it at least twice as often as all others together
 * (a server-made run id); an event carrying a value that belongs to another user is a leak.
 * It works on {@link JourneyFacts}, so a merge of shard reports judges exactly as one run does.
 */
final class JourneyJudge {

    /** What the judge applies, kept in a shard report so that {@code merge} can apply it again. */
    @JsonPropertyOrder({"events", "order", "finalEvent", "identity", "waited"})
    record Rules(List<String> events, GoldenPathConfig.Order order, String finalEvent, List<String> identity,
                 List<String> waited) {
        static Rules of(GoldenPathConfig.Expect expect, List<String> waited) {
            return new Rules(expect.events(), expect.order(), expect.finalEvent(), expect.identity(), waited);
        }
    }

    /** One way a journey failed. */
    record Failure(String failureClass, String detail) {
    }

    /** A journey with its failures (empty: it passed), the events that belonged to other users, and its unexpected messages. */
    record Judged(JourneyFacts journey, List<Failure> failures, Set<Integer> foreignEvents, int unexpectedEvents) {
        boolean passed() {
            return failures.isEmpty();
        }

        String outcome() {
            return passed() ? "passed" : failures.get(0).failureClass();
        }

        /** The messages of this journey's own user (leaked ones left out). */
        List<JourneyFacts.Message> own() {
            if (foreignEvents.isEmpty()) {
                return journey.events();
            }
            List<JourneyFacts.Message> own = new ArrayList<>();
            for (int i = 0; i < journey.events().size(); i++) {
                if (!foreignEvents.contains(i)) {
                    own.add(journey.events().get(i));
                }
            }
            return own;
        }
    }

    private final Rules rules;

    JourneyJudge(Rules rules) {
        this.rules = rules;
    }

    List<Judged> judge(List<JourneyFacts> journeys) {
        Map<String, Integer> owners = owners(journeys);
        List<Judged> judged = new ArrayList<>(journeys.size());
        for (JourneyFacts journey : journeys) {
            judged.add(judge(journey, owners));
        }
        return judged;
    }

    private Judged judge(JourneyFacts journey, Map<String, Integer> owners) {
        List<Failure> failures = new ArrayList<>();
        Set<Integer> foreign = new LinkedHashSet<>();
        List<String> leakDetails = new ArrayList<>();
        List<JourneyFacts.Message> events = journey.events();
        for (int i = 0; i < events.size(); i++) {
            List<String> values = events.get(i).identity();
            for (int p = 0; p < values.size() && p < rules.identity().size(); p++) {
                Integer owner = values.get(p).isEmpty() ? null : owners.get(values.get(p));
                if (owner != null && owner != journey.user()) {
                    foreign.add(i);
                    leakDetails.add(events.get(i).type() + " carrying user " + owner + "'s " + rules.identity().get(p));
                    break;
                }
            }
        }
        List<JourneyFacts.Message> own = new ArrayList<>();
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
        int unexpected = (int) own.stream().filter(e -> !rules.events().contains(e.type())
                && !rules.waited().contains(e.type())).count();
        return new Judged(journey, List.copyOf(failures), Set.copyOf(foreign), unexpected);
    }

    private void checkSequence(List<JourneyFacts.Message> own, List<Failure> failures) {
        List<String> seen = own.stream().map(JourneyFacts.Message::type).filter(rules.events()::contains).toList();
        List<String> missing = rules.events().stream().filter(e -> !seen.contains(e)).toList();
        if (!missing.isEmpty()) {
            failures.add(new Failure("missing-event", "no " + String.join(", ", missing) + " (saw "
                    + arrow(own.stream().map(JourneyFacts.Message::type).toList()) + ")"));
        }
        List<String> wanted = rules.events().stream().filter(seen::contains).toList();
        boolean ordered;
        if (rules.order() == GoldenPathConfig.Order.STRICT) {
            ordered = seen.equals(wanted);
        } else {
            String first = rules.events().get(0);
            String last = rules.events().get(rules.events().size() - 1);
            ordered = seen.isEmpty() || (!seen.contains(first) || seen.get(0).equals(first))
                    && (!seen.contains(last) || seen.get(seen.size() - 1).equals(last));
        }
        if (!ordered) {
            failures.add(new Failure("out-of-order", "expected " + arrow(wanted) + ", got " + arrow(seen)));
        }
    }

    private void checkFields(List<JourneyFacts.Message> own, List<Failure> failures) {
        Set<String> reported = new LinkedHashSet<>();
        for (JourneyFacts.Message event : own) {
            for (String path : event.missing()) {
                reported.add(event.type() + " has no " + path);
            }
        }
        if (!reported.isEmpty()) {
            failures.add(new Failure("missing-field", String.join("; ", reported)));
        }
    }

    private void checkAnswer(List<JourneyFacts.Message> own, List<Failure> failures) {
        JourneyFacts.Message answerEvent = null;
        for (JourneyFacts.Message event : own) {
            if (event.type().equals(rules.finalEvent())) {
                answerEvent = event;
            }
        }
        if (answerEvent != null && answerEvent.answer() != null) {
            failures.add(new Failure("bad-answer", answerEvent.answer()));
        }
        // no own final event: it came from another user, and the leak already says so
    }

    /** Which user each identity value belongs to; values no single user owns are absent. */
    private Map<String, Integer> owners(List<JourneyFacts> journeys) {
        Map<String, Set<Integer>> senders = new HashMap<>();
        for (JourneyFacts journey : journeys) {
            for (String value : journey.identity()) {
                senders.computeIfAbsent(value, v -> new HashSet<>()).add(journey.user());
            }
        }
        Map<String, Map<Integer, Integer>> seen = new HashMap<>();
        for (JourneyFacts journey : journeys) {
            for (JourneyFacts.Message event : journey.events()) {
                for (String value : event.identity()) {
                    if (!value.isEmpty()) {
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
            counts.entrySet().stream().max(Map.Entry.<Integer, Integer>comparingByValue()
                            .thenComparing(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder())))
                    .ifPresent(top -> {
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
