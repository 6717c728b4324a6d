package io.github.recoverygates.report;

import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.SecretMasker;
import io.github.recoverygates.core.ThresholdResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a gate's result in every requested format; each format is a rendering of the one model
 * and lives in its own class ({@link JsonReport}, {@link SarifReport}, {@link JUnitReport},
 * {@link MarkdownReport}, {@link HtmlReport}). Every format is masked with the run's secrets.
 */
public final class Reports {

    public static final List<String> FORMATS = List.of("json", "sarif", "junit", "md", "html");
    private static final int CONSOLE_FINDINGS = 10;

    private Reports() {
    }

    /** The file a format is written to: {@code <gate>.json}, {@code <gate>.junit.xml}, … */
    public static String fileName(String gate, String format) {
        return switch (format) {
            case "json" -> gate + ".json";
            case "sarif" -> gate + ".sarif";
            case "junit" -> gate + ".junit.xml";
            case "md" -> gate + ".md";
            case "html" -> gate + ".html";
            default -> throw new IllegalArgumentException("unknown report format '" + format + "' (known: "
                    + String.join(", ", FORMATS) + ")");
        };
    }

    /** Writes {@code <gate>.<ext>} for each format into {@code outDir}; returns format → file. */
    public static Map<String, Path> write(GateResult result, Collection<String> formats, Path outDir,
                                          SecretMasker masker) throws IOException {
        return write(result, formats, outDir, masker, null);
    }

    /**
     * As {@link #write(GateResult, Collection, Path, SecretMasker)}; {@code root} (the checked
     * directory, may be null) lets SARIF state the absolute location its relative paths resolve against.
     */
    public static Map<String, Path> write(GateResult result, Collection<String> formats, Path outDir,
                                          SecretMasker masker, Path root) throws IOException {
        for (String format : formats) {
            if (!FORMATS.contains(format)) {
                throw new IllegalArgumentException("unknown report format '" + format + "' (known: "
                        + String.join(", ", FORMATS) + ")");
            }
        }
        Map<String, Path> written = new LinkedHashMap<>();
        Files.createDirectories(outDir);
        for (String format : FORMATS) {
            if (!formats.contains(format)) {
                continue;
            }
            String text = switch (format) {
                case "json" -> JsonReport.render(result, masker);
                case "sarif" -> SarifReport.render(result, masker, root);
                case "junit" -> JUnitReport.render(result, masker);
                case "md" -> MarkdownReport.render(result, masker);
                case "html" -> HtmlReport.render(result, masker);
                default -> throw new IllegalStateException(format);
            };
            Path file = outDir.resolve(fileName(result.gate(), format));
            Files.writeString(file, text, StandardCharsets.UTF_8);
            written.put(format, file);
            if (format.equals("html")) {
                // the same CSS as a file, for viewers whose CSP forbids inline style (Jenkins' artifact pages)
                Files.writeString(outDir.resolve(HtmlReport.stylesheetName(result.gate())), HtmlReport.stylesheet(),
                        StandardCharsets.UTF_8);
            }
        }
        return written;
    }

    /** One line on a threshold: "unit: 84.2% misses the required >= 90%". */
    public static String describe(ThresholdResult threshold) {
        return Formats.thresholdVerdict(threshold);
    }

    /** Reads a {@code <gate>.json} report back into the model (for merge, baselines, the dashboard). */
    public static GateResult read(Path json) throws IOException {
        return JsonReport.read(json);
    }

    /** The human summary printed to stdout after a run: verdict, counts, thresholds, top findings, files. */
    public static String consoleSummary(GateResult result, Map<String, Path> reports) {
        return consoleSummary(result, reports, null);
    }

    public static String consoleSummary(GateResult result, Map<String, Path> reports, SecretMasker masker) {
        GateResult r = MaskedResult.of(result, masker);
        StringBuilder s = new StringBuilder();
        s.append(r.gate()).append(": ").append(r.verdict()).append(" — ").append(Formats.oneLine(r.summary(), 500))
                .append('\n');
        s.append("  ").append(Formats.counts(r)).append('\n');
        if (!r.thresholds().isEmpty()) {
            s.append("  thresholds:\n");
            for (ThresholdResult t : r.thresholds()) {
                s.append("    ").append(Formats.thresholdLine(t)).append('\n');
            }
        }
        List<Finding> top = Formats.top(r);
        if (!top.isEmpty()) {
            int shown = Math.min(CONSOLE_FINDINGS, top.size());
            s.append("  findings").append(top.size() > shown ? " (first " + shown + " of " + top.size() + ")" : "")
                    .append(":\n");
            for (Finding f : top.subList(0, shown)) {
                s.append("    ").append(Formats.location(f)).append(' ').append(f.severity().id()).append(' ')
                        .append(Formats.oneLine(f.message(), 300)).append(" [").append(f.ruleId()).append("]\n");
            }
        }
        if (reports != null && !reports.isEmpty()) {
            s.append("  reports:\n");
            reports.forEach((format, path) -> s.append("    ").append(String.format("%-6s", format)).append(path)
                    .append('\n'));
        }
        return s.toString().stripTrailing();
    }
}
