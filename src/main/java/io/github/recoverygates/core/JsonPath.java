package io.github.recoverygates.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The small subset of JSONPath the config needs to point into a message: {@code $}, {@code .name},
 * {@code ['name']} and {@code [index]} (negative counts from the end), e.g. {@code $.payload.results[0]}.
 * No wildcards, filters or recursion: one path names one value. Shared by the recovery gate's
 * health checks and the golden path's event fields, answers and login tokens.
 */
public final class JsonPath {

    private sealed interface Step permits Field, Index {
    }

    private record Field(String name) implements Step {
    }

    private record Index(int index) implements Step {
    }

    private final String text;
    private final List<Step> steps;

    private JsonPath(String text, List<Step> steps) {
        this.text = text;
        this.steps = steps;
    }

    /** Parses {@code text}; throws {@link IllegalArgumentException} saying where it is malformed. */
    public static JsonPath parse(String text) {
        if (text == null || !text.startsWith("$")) {
            throw new IllegalArgumentException("a path starts with '$', as in $.payload.tool_name: '" + text + "'");
        }
        List<Step> steps = new ArrayList<>();
        int i = 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
                    end++;
                }
                if (end == i + 1) {
                    throw malformed(text, i, "a name after '.'");
                }
                steps.add(new Field(text.substring(i + 1, end)));
                i = end;
            } else if (c == '[') {
                int close = text.indexOf(']', i);
                if (close < 0) {
                    throw malformed(text, i, "a closing ']'");
                }
                String inside = text.substring(i + 1, close).trim();
                if (inside.length() >= 2 && (inside.startsWith("'") && inside.endsWith("'")
                        || inside.startsWith("\"") && inside.endsWith("\""))) {
                    steps.add(new Field(inside.substring(1, inside.length() - 1)));
                } else {
                    try {
                        steps.add(new Index(Integer.parseInt(inside)));
                    } catch (NumberFormatException e) {
                        throw malformed(text, i + 1, "an index or a quoted name inside [ ]");
                    }
                }
                i = close + 1;
            } else {
                throw malformed(text, i, "'.' or '['");
            }
        }
        return new JsonPath(text, List.copyOf(steps));
    }

    private static IllegalArgumentException malformed(String text, int at, String expected) {
        return new IllegalArgumentException("malformed path '" + text + "' at character " + (at + 1)
                + ": expected " + expected);
    }

    /** The value at this path, or a {@link MissingNode} when any step is absent. */
    public JsonNode read(JsonNode root) {
        JsonNode node = root == null ? MissingNode.getInstance() : root;
        for (Step step : steps) {
            if (step instanceof Field f) {
                node = node.isObject() ? node.path(f.name()) : MissingNode.getInstance();
            } else if (step instanceof Index ix) {
                int index = ix.index() < 0 && node.isArray() ? node.size() + ix.index() : ix.index();
                node = node.isArray() && index >= 0 ? node.path(index) : MissingNode.getInstance();
            }
        }
        return node;
    }

    /** Whether the path names a present value that is not null. */
    public boolean present(JsonNode root) {
        JsonNode value = read(root);
        return !value.isMissingNode() && !value.isNull();
    }

    /** The value as text (scalars), or null when absent, null or a container. */
    public String text(JsonNode root) {
        JsonNode value = read(root);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    /** The value at this path (a JSON null included), or empty when some step is missing. */
    public Optional<JsonNode> find(JsonNode root) {
        JsonNode value = read(root);
        return value.isMissingNode() ? Optional.empty() : Optional.of(value);
    }

    @Override
    public String toString() {
        return text;
    }
}
