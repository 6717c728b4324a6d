package io.github.recoverygates.syntax;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * A worker's answer for one file. {@code ok} is the interpreter's verdict; a failure of the worker
 * itself (death, timeout) is {@code ok == false} with type {@code WorkerFailure}.
 */
record PythonResult(boolean ok, String type, String message, int line, int column, int endLine, int endColumn,
                    boolean astOk, String contentKey) {

    static final String WORKER_FAILURE = "WorkerFailure";
    private static final PythonResult OK = new PythonResult(true, null, null, 0, 0, 0, 0, false, null);

    static PythonResult parse(String line) throws IOException {
        if (line.startsWith("{\"ok\":1}")) {
            return OK;
        }
        JsonNode n = WorkerJson.MAPPER.readTree(line);
        String sha = n.hasNonNull("sha") ? n.get("sha").asText() : null;
        if (n.path("ok").asInt() == 1) {
            return sha == null ? OK : new PythonResult(true, null, null, 0, 0, 0, 0, false, sha);
        }
        return new PythonResult(false, n.path("type").asText("SyntaxError"), n.path("msg").asText(""),
                n.path("line").asInt(0), n.path("col").asInt(0), n.path("endLine").asInt(0),
                n.path("endCol").asInt(0), n.path("astOk").asBoolean(false), sha);
    }

    static PythonResult workerFailure(String message) {
        return new PythonResult(false, WORKER_FAILURE, message, 0, 0, 0, 0, false, null);
    }

    String category() {
        return WORKER_FAILURE.equals(type) || "OSError".equals(type)
                ? PythonCategory.OTHER : PythonCategory.of(type, message, astOk);
    }
}
