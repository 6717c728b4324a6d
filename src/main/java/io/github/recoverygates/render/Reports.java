package io.github.recoverygates.render;

import io.github.recoverygates.core.ConfigException;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.SecretMasker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Writes a gate's result in every requested format. The result is masked once, here, before any
 * renderer escapes, cuts or wraps it; each format is a rendering of that one model in its own class
 * ({@link JsonReport}, {@link SarifReport}, {@link JUnitReport}, {@link MarkdownReport},
 * {@link HtmlReport}).
 */
public final class Reports {

    public static final List<String> FORMATS = List.of("json", "sarif", "junit", "md", "html");

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
            default -> throw unknown(format);
        };
    }

    /** Checks a list of format names; an unknown one is a usage error naming the allowed ones. */
    public static List<String> checkFormats(Collection<String> formats) {
        for (String format : formats) {
            if (!FORMATS.contains(format)) {
                throw unknown(format);
            }
        }
        return List.copyOf(formats);
    }

    private static ConfigException unknown(String format) {
        return new ConfigException("unknown report format '" + format + "' (allowed: " + String.join(", ", FORMATS) + ")");
    }

    /**
     * Writes {@code <gate>.<ext>} for each format into {@code outDir}; returns format → file.
     * {@code root} (the checked directory, may be null) lets SARIF state where its relative paths resolve.
     */
    public static Map<String, Path> write(GateResult result, Collection<String> formats, Path outDir,
                                          SecretMasker masker, Path root) throws IOException {
        checkFormats(formats);
        GateResult r = Masked.of(result, masker);
        Files.createDirectories(outDir);
        List<String> wanted = FORMATS.stream().filter(formats::contains).toList();
        // the formats are independent renderings of one immutable model: on a large result each costs
        // hundreds of milliseconds (mostly its library's first use), so they are written side by side
        // the slowest first, so it is never left to start last
        List<String> order = wanted.stream().sorted(Comparator.comparingInt(COST_ORDER::indexOf)).toList();
        Map<String, CompletableFuture<Path>> files = new LinkedHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(wanted.size(),
                Runtime.getRuntime().availableProcessors())), task -> {
                    Thread t = new Thread(task, "report-writer");
                    t.setDaemon(true);
                    return t;
                });
        try {
            for (String format : order) {
                files.put(format, CompletableFuture.supplyAsync(() -> {
                    try {
                        return writeOne(r, format, outDir, root);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, pool));
            }
            // every format finishes (or fails) before the first failure is reported
            CompletableFuture.allOf(files.values().toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
            Map<String, Path> written = new LinkedHashMap<>();
            for (String format : wanted) {
                written.put(format, join(files.get(format)));
            }
            return written;
        } finally {
            pool.shutdown();
        }
    }

    /** The formats from the most expensive to write on a large result to the cheapest (measured). */
    private static final List<String> COST_ORDER = List.of("junit", "sarif", "html", "json", "md");

    private static Path join(CompletableFuture<Path> file) throws IOException {
        try {
            return file.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** Writes one format's file(s) into {@code outDir}; returns the (first) file. */
    private static Path writeOne(GateResult r, String format, Path outDir, Path root) throws IOException {
        if (format.equals("sarif")) {
            List<String> parts = SarifReport.documents(r, root);
            for (int i = 0; i < parts.size(); i++) {
                OutputFiles.write(outDir.resolve(SarifReport.fileName(r.gate(), i + 1)), parts.get(i));
            }
            return outDir.resolve(SarifReport.fileName(r.gate(), 1));
        }
        String text = switch (format) {
            case "json" -> JsonReport.render(r);
            case "junit" -> JUnitReport.render(r);
            case "md" -> MarkdownReport.render(r, MarkdownReport.MAX_BYTES);
            case "html" -> HtmlReport.render(r);
            default -> throw new IllegalStateException(format);
        };
        Path file = outDir.resolve(fileName(r.gate(), format));
        OutputFiles.write(file, text);
        if (format.equals("html")) {
            OutputFiles.write(outDir.resolve(HtmlReport.STYLESHEET), HtmlReport.CSS);
        }
        return file;
    }

    /** Reads a {@code <gate>.json} report back into the model (for merge, baselines, the dashboard). */
    public static GateResult read(Path json) throws IOException {
        return JsonReport.read(json);
    }

    /** The console summary of a run (masked here). */
    public static String consoleSummary(GateResult result, Map<String, Path> reports, SecretMasker masker) {
        return ConsoleReport.render(Masked.of(result, masker), reports);
    }
}
