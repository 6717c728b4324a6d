package io.github.recoverygates.jenkins;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What came back from the agent, made plain data on the controller before it is stored, shown or
 * handed to the script: maps with string keys, lists, strings, booleans, {@code Long} and
 * {@code Double}; anything else becomes its string. An agent is less trusted than the controller,
 * so nothing it sends is kept as a type it chose, and none of it is markup: the views escape it.
 */
final class Transport {

    private Transport() {
    }

    static Object plain(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long
                || value instanceof Double) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof Map<?, ?> map) {
            LinkedHashMap<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            ArrayList<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(plain(v)));
            return out;
        }
        return String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    static LinkedHashMap<String, Object> map(Object value) {
        Object plain = plain(value);
        return plain instanceof LinkedHashMap<?, ?> m ? (LinkedHashMap<String, Object>) m : new LinkedHashMap<>();
    }

    @SuppressWarnings("unchecked")
    static ArrayList<Map<String, Object>> rows(Object value) {
        ArrayList<Map<String, Object>> out = new ArrayList<>();
        if (plain(value) instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> m) {
                    out.add((Map<String, Object>) m);
                }
            }
        }
        return out;
    }
}
