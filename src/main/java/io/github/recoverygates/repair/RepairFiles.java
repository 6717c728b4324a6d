package io.github.recoverygates.repair;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes a run's files into the report directory: {@code repair.json}, {@code repair.patch}, {@code repair.sarif}. */
public final class RepairFiles {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private RepairFiles() {
    }

    /** Writes the three files; returns them by name. */
    public static Map<String, Path> write(Repair.Result result, Path out, Path root, String version) throws IOException {
        Files.createDirectories(out);
        Map<String, Path> written = new LinkedHashMap<>();
        Path json = out.resolve("repair.json");
        JSON.writeValue(json.toFile(), result.report());
        written.put("json", json);
        Path patch = out.resolve("repair.patch");
        Files.writeString(patch, UnifiedPatch.of(result.changes()), StandardCharsets.UTF_8);
        written.put("patch", patch);
        Map<String, Change> byPath = new LinkedHashMap<>();
        for (Change c : result.changes()) {
            byPath.put(c.path(), c);
        }
        Path sarif = out.resolve("repair.sarif");
        JSON.writeValue(sarif.toFile(), FixSarif.of(JSON, result.report(), byPath, root, version));
        written.put("sarif", sarif);
        return written;
    }

    static ObjectMapper mapper() {
        return JSON;
    }
}
