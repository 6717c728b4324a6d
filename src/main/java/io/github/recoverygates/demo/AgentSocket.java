package io.github.recoverygates.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;

/**
 * One user's socket on the reference backend. Each {@code user_message} starts a run of the fake
 * agent: five events, paced by the server's event delay, each sent after the previous one left,
 * so that the order on the wire is the order planned (unless a fault plans another).
 */
public final class AgentSocket extends Session.Listener.AbstractAutoDemanding {

    static final String ANSWER = "Your Q3 costs were 48,200 USD: compute 61%, storage 24% and egress 15%; "
            + "compute grew 8% over Q2 because of the new batch jobs.";

    private final ReferenceServer server;
    private final String user;
    private final boolean rejectSubprotocol;
    /** Agent runs started on this socket. */
    private int runs;

    AgentSocket(ReferenceServer server, String user, boolean rejectSubprotocol) {
        this.server = server;
        this.user = user;
        this.rejectSubprotocol = rejectSubprotocol;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        super.onWebSocketOpen(session);
        if (rejectSubprotocol) {
            session.close(StatusCode.POLICY_VIOLATION, "no supported subprotocol (expected bearer.<token>)", Callback.NOOP);
            return;
        }
        server.opened(this, user);
        if (server.options().greeting()) {
            send(ReferenceServer.JSON.createObjectNode().put("type", "connected")
                    .put("connection_id", "conn-" + UUID.randomUUID()).put("user_id", user), () -> { });
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        server.closed(this);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        server.closed(this);
    }

    @Override
    public void onWebSocketText(String text) {
        JsonNode message;
        try {
            message = ReferenceServer.JSON.readTree(text);
        } catch (JsonProcessingException e) {
            send(error("message is not JSON"), () -> { });
            return;
        }
        if (message != null && "user_message".equals(message.path("type").asText())) {
            run(message.path("payload"));
        } else if (message != null && "ping".equals(message.path("type").asText())) {
            // the answer carries the ping's id, as a correlation id
            ObjectNode pong = ReferenceServer.JSON.createObjectNode().put("type", "pong");
            if (message.hasNonNull("id")) {
                pong.set("id", message.get("id"));
            }
            send(pong, () -> { });
        } else {
            send(error("unknown message type"), () -> { });
        }
    }

    /** A planned step: an event to send, an event to leak to another user, or a close. */
    private record Step(ObjectNode event, boolean leak, int closeCode, String closeReason) {
        static Step send(ObjectNode event) {
            return new Step(event, false, 0, null);
        }
    }

    private void run(JsonNode payload) {
        String runId = "run-" + UUID.randomUUID();
        String thread = payload.path("thread_id").asText("thread-" + UUID.randomUUID());
        Fault fault = server.nextRunFails() ? server.options().fault() : Fault.NONE;
        if (fault == Fault.ONE_RUN_PER_SOCKET && runs++ > 0) {
            getSession().close(StatusCode.SHUTDOWN, "one run per connection", Callback.NOOP);
            return;
        }
        List<Step> steps = new ArrayList<>();
        ObjectNode started = event("agent_started", runId, thread);
        ((ObjectNode) started.get("payload")).put("agent", "cost_analyst");
        steps.add(Step.send(started));
        ObjectNode thinking = event("agent_thinking", runId, thread);
        ((ObjectNode) thinking.get("payload")).put("thought", "Reading the question and picking a tool.");
        steps.add(Step.send(thinking));
        if (fault == Fault.CROSS_USER_LEAK) {
            steps.add(new Step(thinking, true, 0, null));
        }
        if (fault == Fault.CLOSE_1011) {
            steps.add(new Step(null, false, StatusCode.SERVER_ERROR, "internal error in agent"));
        }
        ObjectNode executing = event("tool_executing", runId, thread);
        ObjectNode executingPayload = (ObjectNode) executing.get("payload");
        if (fault != Fault.MISSING_TOOL_NAME) {
            executingPayload.put("tool_name", "cost_report");
        }
        executingPayload.putObject("parameters").put("quarter", "Q3");
        if (fault == Fault.REORDER) {
            steps.add(1, Step.send(executing));
        } else {
            steps.add(Step.send(executing));
        }
        ObjectNode completed = event("tool_completed", runId, thread);
        ObjectNode completedPayload = (ObjectNode) completed.get("payload");
        completedPayload.put("tool_name", "cost_report");
        if (fault != Fault.MISSING_RESULTS) {
            completedPayload.putObject("results").put("total_usd", 48200).put("line_items", 3);
        }
        if (fault != Fault.DROP_EVENT) {
            steps.add(Step.send(completed));
        }
        ObjectNode done = event("agent_completed", runId, thread);
        String response = fault == Fault.SHORT_ANSWER ? "Error: tool failed" : ANSWER;
        ((ObjectNode) done.get("payload")).putObject("result").put("response", response);
        steps.add(Step.send(done));
        long firstDelay = fault == Fault.SLOW ? server.options().slowDelay().toMillis() : 0;
        schedule(steps, 0, firstDelay);
    }

    private void schedule(List<Step> steps, int index, long delayMillis) {
        if (index >= steps.size() || !isOpen()) {
            return;
        }
        Runnable step = () -> perform(steps, index);
        if (delayMillis <= 0) {
            step.run();
            return;
        }
        try {
            server.agentClock().schedule(step, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the server is stopping
        }
    }

    private void perform(List<Step> steps, int index) {
        Step step = steps.get(index);
        long pause = server.options().eventDelay().toMillis();
        if (step.closeCode() != 0) {
            getSession().close(step.closeCode(), step.closeReason(), Callback.NOOP);
        } else if (step.leak()) {
            AgentSocket other = server.otherUsersSocket(user);
            if (other != null && other.isOpen()) {
                server.leakDelivered();
                other.send(step.event(), () -> { });
            }
            schedule(steps, index + 1, 0);
        } else {
            send(step.event(), () -> schedule(steps, index + 1, pause));
        }
    }

    private void send(ObjectNode event, Runnable then) {
        if (!isOpen()) {
            return;
        }
        event.put("timestamp", System.currentTimeMillis());
        String text;
        try {
            text = ReferenceServer.JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        getSession().sendText(text, Callback.from(then, failure -> server.closed(this)));
    }

    private ObjectNode event(String type, String runId, String thread) {
        ObjectNode event = ReferenceServer.JSON.createObjectNode();
        event.put("type", type);
        event.put("run_id", runId);
        event.putObject("payload").put("thread_id", thread).put("user_id", user);
        return event;
    }

    private static ObjectNode error(String message) {
        ObjectNode event = ReferenceServer.JSON.createObjectNode().put("type", "error");
        event.putObject("payload").put("message", message);
        return event;
    }
}
