package io.github.recoverygates.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.recoverygates.core.ConfigException;
import io.github.recoverygates.core.Json;

/** Reads a {@code --set} value as YAML, so {@code 90}, {@code true}, {@code [a, b]} and {@code 3s} all mean what they say. */
final class YamlValue {
    private YamlValue() {
    }

    static Object parse(String key, String text) {
        try {
            Object value = Json.CONFIG.readValue(text, Object.class);
            return value == null ? text : value;
        } catch (JsonProcessingException e) {
            throw new ConfigException("--set " + key + "=" + text + ": not a YAML value: " + e.getOriginalMessage());
        }
    }
}
