package io.github.recoverygates.recovery;

import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The static ports rule: every port a service's sources configure must be the one the platform routes to. */
final class PortCheck {

    static final String MISMATCH = "recovery/port-mismatch";
    static final String NOT_FOUND = "recovery/port-not-found";
    static final String SOURCE_MISSING = "recovery/port-source-missing";

    private PortCheck() {
    }

    static List<Finding> check(List<PortRule> rules, Path root) {
        List<Finding> findings = new ArrayList<>();
        for (PortRule rule : rules) {
            for (String source : rule.sources()) {
                String shown = source.replace('\\', '/');
                Path file = root.resolve(source).normalize();
                if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                    findings.add(Finding.of(SOURCE_MISSING, Severity.WARNING, "ports", shown, 0, 0,
                            rule.name() + ": port source " + shown + " does not exist")
                            .withProperties(Map.of("service", rule.name())));
                    continue;
                }
                String text;
                try {
                    text = Files.readString(file, StandardCharsets.UTF_8);
                } catch (IOException | java.io.UncheckedIOException e) {
                    findings.add(Finding.of(SOURCE_MISSING, Severity.WARNING, "ports", shown, 0, 0,
                            rule.name() + ": cannot read " + shown + ": " + e.getMessage()));
                    continue;
                }
                List<PortScanner.PortSetting> settings = PortScanner.scan(shown, text);
                if (settings.isEmpty()) {
                    findings.add(Finding.of(NOT_FOUND, Severity.NOTE, "ports", shown, 0, 0,
                            rule.name() + ": no port setting found in " + shown)
                            .withProperties(Map.of("service", rule.name())));
                }
                for (PortScanner.PortSetting s : settings) {
                    if (s.port() != rule.expect()) {
                        findings.add(Finding.of(MISMATCH, Severity.ERROR, "ports", shown, s.line(), s.column(),
                                rule.name() + " is configured for port " + s.port() + " here (" + s.how()
                                        + "), but the platform routes to " + rule.expect())
                                .withProperties(Map.of("service", rule.name(), "expected", String.valueOf(rule.expect()),
                                        "actual", String.valueOf(s.port()))));
                    }
                }
            }
        }
        return findings;
    }
}
