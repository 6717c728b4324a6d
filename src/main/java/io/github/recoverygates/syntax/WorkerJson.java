package io.github.recoverygates.syntax;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON lines spoken with the Python workers: ASCII only, so no locale can garble a path. */
final class WorkerJson {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build();

    private WorkerJson() {
    }

    /** A request for {@code paths}; {@code tables}, when not null, says per path what to run ({@link WorkerPool#plan}). */
    static String request(List<String> paths, boolean hash, boolean flushEach, String tables) {
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("paths", paths);
        req.put("hash", hash);
        req.put("flush", flushEach ? "each" : "batch");
        if (tables != null) {
            req.put("tables", tables);
        }
        try {
            return MAPPER.writeValueAsString(req);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
