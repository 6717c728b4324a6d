package io.github.recoverygates.syntax.collection;

import static io.github.recoverygates.syntax.collection.CollectionPaths.owner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.recoverygates.core.ContentCache;
import io.github.recoverygates.core.Json;
import io.github.recoverygates.core.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Reads the test files and counts their tests (remembered per file content in the memo). */
final class TestScan {

    /** Larger test files are not scanned (their tests are not counted); the syntax gate still checks them. */
    static final long MAX_SCAN_BYTES = 32L * 1024 * 1024;

    private TestScan() {
    }

    /** Scans the test files on one thread per core; the result does not depend on the order. */
    static Map<String, TestFile> scanAll(List<PytestProject> projects, Set<String> paths,
                                                 Map<String, SourceFile> byPath, Set<String> broken, ContentCache memo) {
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), paths.size() / 64 + 1));
        Map<String, TestFile> out = new TreeMap<>();
        if (threads == 1) {
            for (String p : paths) {
                out.put(p, scan(owner(projects, p), byPath.get(p), !broken.contains(p), memo));
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "test-collection-scan");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<String, Future<TestFile>> futures = new TreeMap<>();
            for (String p : paths) {
                futures.put(p, pool.submit(() -> scan(owner(projects, p), byPath.get(p), !broken.contains(p), memo)));
            }
            for (Map.Entry<String, Future<TestFile>> e : futures.entrySet()) {
                try {
                    out.put(e.getKey(), e.getValue().get());
                } catch (ExecutionException ex) {
                    SourceFile f = byPath.get(e.getKey());
                    out.put(e.getKey(), new TestFile(f.path(), owner(projects, f.path()), !broken.contains(f.path()),
                            List.of(), false));
                }
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scanning test files", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static TestFile scan(PytestProject project, SourceFile file, boolean parsable, ContentCache memo) {
        String key = (parsable ? "p " : "u ") + project.pythonClasses() + " " + project.pythonFunctions();
        if (memo != null) {
            JsonNode known = memo.lookup(file).orElse(null);
            if (known != null && key.equals(known.path("key").asText())) {
                List<TestCounter.Test> tests = new ArrayList<>();
                known.path("tests").forEach(t -> tests.add(new TestCounter.Test(t.path(0).asText(), t.path(1).asInt())));
                return new TestFile(file.path(), project, parsable, tests, true);
            }
        }
        TestCounter counter = new TestCounter(project.pythonClasses(), project.pythonFunctions());
        String text = read(file);
        if (text == null) {
            return new TestFile(file.path(), project, parsable, List.of(), false);
        }
        List<TestCounter.Test> tests = counter.tests(ModuleOutline.of(text, !parsable));
        if (memo != null) {
            ObjectNode node = Json.REPORT.createObjectNode().put("key", key);
            ArrayNode list = node.putArray("tests");
            tests.forEach(t -> list.addArray().add(t.name()).add(t.line()));
            memo.put(file, node);
        }
        return new TestFile(file.path(), project, parsable, tests, true);
    }

    private static String read(SourceFile file) {
        try {
            if (Files.size(file.absolute()) > MAX_SCAN_BYTES) {
                return null;
            }
            // malformed UTF-8 becomes U+FFFD, as a replacing decoder gives it
            return new String(Files.readAllBytes(file.absolute()), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
