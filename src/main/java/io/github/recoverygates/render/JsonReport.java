package io.github.recoverygates.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.recoverygates.core.BaselineDiff;
import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.Graph;
import io.github.recoverygates.core.Json;
import io.github.recoverygates.core.Section;
import io.github.recoverygates.core.ShardInfo;
import io.github.recoverygates.core.Table;
import io.github.recoverygates.core.Threshold;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code <gate>.json}: the report model itself (DESIGN.md's schema), the one every other format
 * renders and the one {@code merge}, {@code --baseline} and the dashboard read back.
 * Deterministic: record fields in a fixed order, map keys sorted, findings sorted, '\n' line ends.
 */
public final class JsonReport {

    private JsonReport() {
    }

    /** The JSON of a masked result. */
    public static String render(GateResult result) {
        try {
            String text = Json.REPORT.writeValueAsString(result);
            return text.replace("\r\n", "\n") + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot render the JSON report of " + result.gate(), e);
        }
    }

    /**
     * Makes the report model's serializers now. Jackson introspects each record type of the model
     * once per JVM, on its first report; that is nearly all of the time of writing one (measured in
     * docs/bench.md), so a run can do it on another thread while its gate works or waits. Writes nothing;
     * a type that cannot be serialized is left for {@link #render} to report.
     */
    public static void prepare() {
        for (Class<?> type : List.of(GateResult.class, Finding.class, Threshold.class, BaselineDiff.class,
                ShardInfo.class, Section.class, Table.class, Graph.class)) {
            try {
                Json.REPORT.canSerialize(type);
            } catch (RuntimeException e) {
                // render() meets the same problem and names it
            }
        }
        try {
            // what Masked does to the details, and one small report: the generator's first use
            Json.REPORT.convertValue(new TreeMap<>(Map.of("k", List.of("v", 1))), Map.class);
            render(GateResult.error("prepare", Instant.EPOCH, 0, "prepare"));
        } catch (RuntimeException e) {
            // as above
        }
    }

    /** Reads a report written by {@link #write}; a file that is not one gives an IOException naming it. */
    public static GateResult read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such report file");
        }
        GateResult result;
        try {
            result = Json.REPORT.readValue(file.toFile(), GateResult.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + ": not a recovery-gates report: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
        }
        if (result == null || result.gate() == null || result.verdict() == null) {
            throw new IOException(file + ": not a recovery-gates report (no gate or verdict)");
        }
        if (result.schemaVersion() > GateResult.SCHEMA_VERSION) {
            throw new IOException(file + ": report schemaVersion " + result.schemaVersion()
                    + " is newer than this jar understands (" + GateResult.SCHEMA_VERSION + ")");
        }
        return result;
    }
}
