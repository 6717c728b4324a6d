package io.github.recoverygates.recovery;

import java.util.List;

/**
 * A static port check: every port setting found in {@code sources} must equal {@code expect}.
 *
 * @param name    the service, for messages
 * @param expect  the port the platform routes to
 * @param sources files relative to the root: Python, Dockerfile, YAML, dotenv
 */
public record PortRule(String name, Integer expect, List<String> sources) {

    public PortRule {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("every ports entry needs a name");
        }
        if (expect == null || expect < 1 || expect > 65535) {
            throw new IllegalArgumentException("ports '" + name + "': expect must be a port 1-65535");
        }
        sources = sources == null ? List.of() : List.copyOf(sources);
    }
}
