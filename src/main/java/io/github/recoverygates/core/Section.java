package io.github.recoverygates.core;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.function.UnaryOperator;

/**
 * A gate-specific part of a report, as typed data: a {@link Table} (the recovery timeline, the
 * golden path's latencies, the test files lost to syntax errors) or a {@link Graph} (the services
 * and what they depend on). Renderers draw it without knowing which gate made it, and none of
 * them reads another renderer's text.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind", defaultImpl = Table.class)
@JsonSubTypes({@JsonSubTypes.Type(value = Table.class, name = "table"),
        @JsonSubTypes.Type(value = Graph.class, name = "graph")})
public sealed interface Section permits Table, Graph {

    /** A stable id, unique in its report, such as {@code recovery-checks}. */
    String id();

    String title();

    /** A copy with {@code text} applied to every string it shows (secret masking). */
    Section mapText(UnaryOperator<String> text);
}
