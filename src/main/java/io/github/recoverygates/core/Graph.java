package io.github.recoverygates.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A graph of a report: the services a recovery run checked, each with its state, and the
 * dependencies between them, each edge saying whether it is an ordinary dependency or the one
 * that blocked its target. Renderers draw it (SVG on the dashboard, Mermaid in Markdown).
 */
@JsonPropertyOrder({"id", "title", "nodes", "edges"})
public record Graph(String id, String title, List<Node> nodes, List<Edge> edges) implements Section {

    /** The finding property that names the node (a recovery check) a run-level finding is about. */
    public static final String NODE_PROPERTY = "check";

    /** Where a node ended. */
    public enum State implements LowerCaseId {
        UP, DOWN, DEGRADED, BLOCKED, SKIPPED;

        public boolean ok() {
            return this == UP;
        }
    }

    /** What an edge means: {@code from} must be up before {@code to}; BLOCKS: and it was not. */
    public enum EdgeKind {
        DEPENDS_ON, BLOCKS;

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** A node: a stable id, the name shown, one line of detail (type, latency) and its state. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"id", "label", "detail", "state"})
    public record Node(String id, String label, String detail, State state) {
        public Node {
            Objects.requireNonNull(id, "id");
            label = label == null ? id : label;
        }
    }

    /** {@code from} → {@code to}: to depends on from. */
    @JsonPropertyOrder({"from", "to", "kind"})
    public record Edge(String from, String to, EdgeKind kind) {
        public Edge {
            kind = kind == null ? EdgeKind.DEPENDS_ON : kind;
        }
    }

    public Graph {
        Objects.requireNonNull(id, "id");
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        edges = edges == null ? List.of() : List.copyOf(edges);
    }

    @Override
    public Graph mapText(UnaryOperator<String> text) {
        return new Graph(text.apply(id), text.apply(title),
                nodes.stream().map(n -> new Node(text.apply(n.id()), text.apply(n.label()),
                        n.detail() == null ? null : text.apply(n.detail()), n.state())).toList(),
                edges.stream().map(e -> new Edge(text.apply(e.from()), text.apply(e.to()), e.kind())).toList());
    }
}
