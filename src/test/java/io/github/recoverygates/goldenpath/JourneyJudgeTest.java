package io.github.recoverygates.goldenpath;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("judging recorded journeys: sequence, fields, answer, isolation")
class JourneyJudgeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final GoldenPathConfig.Expect expect = new GoldenPathConfig.Expect(null, null, null, null, null, null, null, null);
    private final JourneyJudge judge = new JourneyJudge(JourneyJudge.Rules.of(expect, List.of()));
    private final JourneyFacts.Compiled compiled = JourneyFacts.Compiled.of(expect);

    private static JsonNode event(String type, String run, String thread, String user) {
        ObjectNode e = JSON.createObjectNode().put("type", type).put("run_id", run);
        ObjectNode payload = e.putObject("payload").put("thread_id", thread).put("user_id", user);
        switch (type) {
            case "tool_executing" -> payload.put("tool_name", "t");
            case "tool_completed" -> payload.put("tool_name", "t").putObject("results");
            case "agent_completed" -> payload.putObject("result").put("response", "x".repeat(60));
            default -> { }
        }
        return e;
    }

    private JourneyFacts journey(int user, String thread, String user_id, List<JsonNode> bodies) {
        List<JourneyRecord.Event> events = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            events.add(new JourneyRecord.Event(bodies.get(i).path("type").asText(), 10L * i, 10L * i, bodies.get(i)));
        }
        JourneyRecord record = new JourneyRecord(user, 1, Set.of(thread), 1, 1, true, true, "jwt-auth", events, 0, null,
                null, null, 100, true, List.of());
        return JourneyFacts.of(record, expect, compiled, new io.github.recoverygates.core.SecretMasker());
    }

    private static List<JsonNode> run(String run, String thread, String user) {
        return new ArrayList<>(GoldenPathConfig.FIVE_EVENTS.stream().map(t -> event(t, run, thread, user)).toList());
    }

    @Test
    void anEventCarryingAnotherUsersRunIdIsALeakAndLeftOutOfTheVictimsChecks() {
        List<JsonNode> victim = run("run-a", "thread-a", "shared");
        victim.add(2, event("agent_thinking", "run-b", "thread-x", "shared")); // thread unknown to anyone, run is b's
        List<JourneyJudge.Judged> judged = judge.judge(List.of(
                journey(1, "thread-a", "shared", victim),
                journey(2, "thread-b", "shared", run("run-b", "thread-b", "shared"))));

        assertThat(judged.get(0).failures()).extracting(JourneyJudge.Failure::failureClass).containsExactly("cross-user-leak");
        assertThat(judged.get(0).foreignEvents()).containsExactly(2);
        assertThat(judged.get(0).failures().get(0).detail()).contains("user 2's $.run_id");
        assertThat(judged.get(1).passed()).as("a value every user shares (user_id 'shared') belongs to no one").isTrue();
    }

    @Test
    void aThreadIdSentByOneUserIsOwnedEvenWhenSeenOnce() {
        List<JsonNode> victim = run("run-a", "thread-a", "u1");
        victim.add(event("agent_thinking", "run-zz", "thread-b", "u2"));
        List<JourneyJudge.Judged> judged = judge.judge(List.of(journey(1, "thread-a", "u1", victim),
                journey(2, "thread-b", "u2", List.of())));
        assertThat(judged.get(0).outcome()).isEqualTo("cross-user-leak");
    }

    @Test
    void sequenceFieldAndAnswerFailuresAreAllReported() {
        List<JsonNode> events = run("r", "t", "u");
        events.remove(3); // tool_completed
        ((ObjectNode) events.get(2).get("payload")).remove("tool_name");
        ((ObjectNode) events.get(3).get("payload").get("result")).put("response", "Exception: boom");
        JourneyJudge.Judged judged = judge.judge(List.of(journey(1, "t", "u", events))).get(0);
        assertThat(judged.failures()).extracting(JourneyJudge.Failure::failureClass)
                .containsExactly("missing-event", "missing-field", "bad-answer");
        assertThat(judged.failures().get(2).detail()).contains("15 characters, fewer than 50").contains("'exception'");
    }

    @Test
    void hashedFactsAreJudgedExactlyLikeTheValuesThemselves() {
        List<JsonNode> victim = run("run-a", "thread-a", "shared");
        victim.add(2, event("agent_thinking", "run-b", "thread-x", "shared"));
        List<JourneyFacts> plain = List.of(journey(1, "thread-a", "shared", victim),
                journey(2, "thread-b", "shared", run("run-b", "thread-b", "shared")));
        List<JourneyJudge.Judged> direct = judge.judge(plain);
        List<JourneyJudge.Judged> hashed = judge.judge(plain.stream().map(JourneyFacts::hashed).toList());
        assertThat(hashed).extracting(JourneyJudge.Judged::failures).isEqualTo(direct.stream().map(JourneyJudge.Judged::failures).toList());
        assertThat(hashed).extracting(JourneyJudge.Judged::foreignEvents).containsExactly(Set.of(2), Set.of());
        assertThat(plain.get(0).hashed().identity()).doesNotContain("thread-a");
    }

    @Test
    void aRepeatedEventBreaksStrictOrder() {
        List<JsonNode> events = run("r", "t", "u");
        events.add(1, event("agent_started", "r", "t", "u"));
        JourneyJudge.Judged judged = judge.judge(List.of(journey(1, "t", "u", events))).get(0);
        assertThat(judged.outcome()).isEqualTo("out-of-order");
    }
}
