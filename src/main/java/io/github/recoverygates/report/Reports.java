package io.github.recoverygates.report;

import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.Json;
import io.github.recoverygates.core.SecretMasker;
import io.github.recoverygates.core.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes a gate's result in every requested format; each format is a rendering of the one model. */
public final class Reports {

    public static final List<String> FORMATS = List.of("json", "sarif", "junit", "md", "html");

    private Reports() {
    }

    /** Writes {@code <gate>.<ext>} for each format into {@code outDir}; returns format → file. */
    public static Map<String, Path> write(GateResult result, Collection<String> formats, Path outDir,
                                          SecretMasker masker) throws IOException {
        Map<String, Path> written = new LinkedHashMap<>();
        for (String format : formats) {
            if (!format.equals("json")) {
                continue; // other renderings: added by the report writers
            }
            Path file = outDir.resolve(result.gate() + ".json");
            String text = masker.mask(Json.REPORT.writeValueAsString(result)) + "\n";
            Files.writeString(file, text, StandardCharsets.UTF_8);
            written.put(format, file);
        }
        return written;
    }

    /** The few lines printed to stdout after a run. */
    public static String consoleSummary(GateResult result, Map<String, Path> reports) {
        StringBuilder s = new StringBuilder();
        s.append(result.gate()).append(": ").append(result.verdict()).append(" — ").append(result.summary()).append('\n');
        s.append("  errors ").append(result.count(Severity.ERROR)).append(", warnings ").append(result.count(Severity.WARNING));
        reports.forEach((f, p) -> s.append("\n  ").append(f).append(": ").append(p));
        return s.toString();
    }
}
