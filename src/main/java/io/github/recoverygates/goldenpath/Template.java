package io.github.recoverygates.goldenpath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The placeholders of one journey: {@code {user}} (the virtual user's number, from 1),
 * {@code {iteration}} (from 1), {@code {uuid}} (fresh per journey), {@code {token}} (once logged in)
 * and {@code {correlation}} (fresh per send step that uses it). Other braces are left alone, so
 * JSON-looking text survives.
 */
record Template(int user, int iteration, String uuid, String token, String correlation) {

    Template(int user, int iteration, String uuid, String token) {
        this(user, iteration, uuid, token, null);
    }

    Template withToken(String newToken) {
        return new Template(user, iteration, uuid, newToken, correlation);
    }

    Template withCorrelation(String id) {
        return new Template(user, iteration, uuid, token, id);
    }

    /** Whether {@code node} names the correlation placeholder somewhere in its strings. */
    static boolean usesCorrelation(JsonNode node) {
        java.util.Set<String> strings = new java.util.HashSet<>();
        strings(node, strings);
        return strings.stream().anyMatch(t -> t.contains("{correlation}"));
    }

    String apply(String text) {
        if (text == null || text.indexOf('{') < 0) {
            return text;
        }
        String out = text.replace("{user}", Integer.toString(user))
                .replace("{iteration}", Integer.toString(iteration))
                .replace("{uuid}", uuid);
        if (correlation != null) {
            out = out.replace("{correlation}", correlation);
        }
        return token == null ? out : out.replace("{token}", token);
    }

    /** A copy of {@code node} with the placeholders of every string value replaced. */
    JsonNode apply(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            return TextNode.valueOf(apply(node.asText()));
        }
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.set(e.getKey(), apply(e.getValue()));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> out.add(apply(item)));
            return out;
        }
        return node;
    }

    /** Every string value in {@code node}, to learn which values identify this journey's user. */
    static void strings(JsonNode node, Set<String> into) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            into.add(node.asText());
        } else if (node.isContainerNode()) {
            node.forEach(child -> strings(child, into));
        }
    }

    /** String values under keys that name a secret (password, secret, token, key), to mask them. */
    static void secretStrings(JsonNode node, Set<String> into) {
        if (node == null || !node.isContainerNode()) {
            return;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getKey().toLowerCase(java.util.Locale.ROOT);
                if (e.getValue().isTextual() && (key.contains("password") || key.contains("secret")
                        || key.contains("token") || key.endsWith("key"))) {
                    into.add(e.getValue().asText());
                } else {
                    secretStrings(e.getValue(), into);
                }
            }
        } else {
            node.forEach(child -> secretStrings(child, into));
        }
    }
}
