package io.github.recoverygates.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The small subset of JSONPath a health check needs: {@code $}, {@code .name}, {@code ['name']}
 * and {@code [index]}, e.g. {@code $.checks[0].status}. No wildcards or filters: a health check
 * names one value.
 */
public final class JsonPath {

    private final String text;
    private final List<Object> steps;

    private JsonPath(String text, List<Object> steps) {
        this.text = text;
        this.steps = steps;
    }

    /** Parses a path; a malformed one throws {@link IllegalArgumentException} naming the position. */
    public static JsonPath parse(String text) {
        if (text == null || !text.startsWith("$")) {
            throw new IllegalArgumentException("jsonPath '" + text + "' must start with $");
        }
        List<Object> steps = new ArrayList<>();
        int i = 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '.') {
                int start = ++i;
                while (i < text.length() && text.charAt(i) != '.' && text.charAt(i) != '[') {
                    i++;
                }
                if (i == start) {
                    throw new IllegalArgumentException("jsonPath '" + text + "': empty name at position " + start);
                }
                steps.add(text.substring(start, i));
            } else if (c == '[') {
                int close = text.indexOf(']', i);
                if (close < 0) {
                    throw new IllegalArgumentException("jsonPath '" + text + "': unclosed [ at position " + i);
                }
                String inside = text.substring(i + 1, close).strip();
                if (inside.length() >= 2 && (inside.startsWith("'") && inside.endsWith("'")
                        || inside.startsWith("\"") && inside.endsWith("\""))) {
                    steps.add(inside.substring(1, inside.length() - 1));
                } else {
                    try {
                        steps.add(Integer.parseInt(inside));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("jsonPath '" + text + "': [" + inside
                                + "] is neither an index nor a quoted name");
                    }
                }
                i = close + 1;
            } else {
                throw new IllegalArgumentException("jsonPath '" + text + "': unexpected '" + c + "' at position " + i);
            }
        }
        return new JsonPath(text, List.copyOf(steps));
    }

    /** The value at this path, or empty when some step is missing. */
    public Optional<JsonNode> find(JsonNode root) {
        JsonNode node = root;
        for (Object step : steps) {
            if (node == null) {
                return Optional.empty();
            }
            if (step instanceof Integer index) {
                node = node.isArray() ? node.get(index < 0 ? node.size() + index : index) : null;
            } else {
                node = node.isObject() ? node.get((String) step) : null;
            }
        }
        return Optional.ofNullable(node);
    }

    @Override
    public String toString() {
        return text;
    }
}
