package io.github.recoverygates.ssot;

import io.github.recoverygates.core.Finding;
import io.github.recoverygates.ssot.SsotConfig.SsotSeverity;
import java.util.Map;
import java.util.TreeMap;

/** One rule broken at one place, with the severity (critical, high, medium, low). */
record Violation(String rule, SsotSeverity severity, String category, String file, int line, int column,
                 String message, Map<String, String> properties) {

    Violation {
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    Finding toFinding() {
        Map<String, String> props = new TreeMap<>(properties);
        props.put("ssotSeverity", severity.id());
        return Finding.builder("ssot/" + rule, severity.reportSeverity()).category(category).file(file).at(line, column).message(message).properties(props).build();
    }
}
