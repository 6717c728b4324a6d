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
                    findings.add(Finding.builder(SOURCE_MISSING, Severity.WARNING).category("ports").file(shown).message(rule.name() + ": port source " + shown + " does not exist").properties(Map.of("service", rule.name())).build());
                    continue;
                }
                String text;
                try {
                    text = Files.readString(file, StandardCharsets.UTF_8);
                } catch (IOException | java.io.UncheckedIOException e) {
                    findings.add(Finding.builder(SOURCE_MISSING, Severity.WARNING).category("ports").file(shown).message(rule.name() + ": cannot read " + shown + ": " + e.getMessage()).build());
                    continue;
                }
                List<PortScanner.PortSetting> settings = PortScanner.scan(shown, text);
                if (settings.isEmpty()) {
                    findings.add(Finding.builder(NOT_FOUND, Severity.NOTE).category("ports").file(shown).message(rule.name() + ": no port setting found in " + shown).properties(Map.of("service", rule.name())).build());
                }
                for (PortScanner.PortSetting s : settings) {
                    if (s.port() != rule.expect()) {
                        findings.add(Finding.builder(MISMATCH, Severity.ERROR).category("ports").file(shown).at(s.line(), s.column()).message(rule.name() + " is configured for port " + s.port() + " here (" + s.how()
                                        + "), but the platform routes to " + rule.expect()).properties(Map.of("service", rule.name(), "expected", String.valueOf(rule.expect()),
                                        "actual", String.valueOf(s.port()))).build());
                    }
                }
            }
        }
        return findings;
    }
}
