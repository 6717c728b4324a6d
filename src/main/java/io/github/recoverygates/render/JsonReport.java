package io.github.recoverygates.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
