package io.github.recoverygates.syntax.collection;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.recoverygates.core.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Fixture repositories under {@code src/test/resources/collection}, and the real python3 that
 * judges them: {@code compile()} decides which files are unparsable (as the syntax gate does),
 * pytest (when installed) and an {@code ast}-based oracle count what should be collected.
 */
final class CollectionFixtures {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Boolean pytestAvailable;

    private CollectionFixtures() {
    }

    /** Copies fixture {@code name} into {@code target} (tests never write into the source tree). */
    static Path copy(String name, Path target) {
        try {
            Path source = Path.of(CollectionFixtures.class.getResource("/collection/" + name).toURI());
            try (Stream<Path> walk = Files.walk(source)) {
                for (Path p : walk.toList()) {
                    Path dest = target.resolve(source.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(dest);
                    } else {
                        Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path resource(String name) {
        try {
            return Path.of(CollectionFixtures.class.getResource("/collection/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every .py file below root, as the workspace walker would list them (without its excludes). */
    static List<SourceFile> pythonFiles(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            List<SourceFile> out = new ArrayList<>();
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (rel.endsWith(".py") && !rel.contains("__pycache__")) {
                    out.add(SourceFile.at(root, rel));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The files python3's {@code compile()} rejects, relative to root. */
    static Set<String> uncompilable(Path root, List<SourceFile> files) {
        String script = String.join("\n",
                "import sys",
                "for line in sys.stdin.read().splitlines():",
                "    try:",
                "        compile(open(line, 'rb').read(), line, 'exec')",
                "    except (SyntaxError, ValueError):",
                "        print(line)");
        String input = String.join("\n", files.stream().map(SourceFile::path).toList());
        String out = run(root, input, "python3", "-c", script);
        return new TreeSet<>(out.lines().filter(l -> !l.isBlank()).toList());
    }

    static synchronized boolean pytestAvailable() {
        if (pytestAvailable == null) {
            try {
                Process p = new ProcessBuilder("python3", "-c", "import pytest").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                pytestAvailable = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException e) {
                pytestAvailable = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pytestAvailable = false;
            }
        }
        return pytestAvailable;
    }

    /** What {@code pytest --collect-only -q} run in {@code dir} reports. */
    record PytestRun(Map<String, Integer> functionsPerFile, int items, List<String> errors, String output) {
    }

    private static final Map<String, PytestRun> RUNS = new HashMap<>();

    /**
     * pytest's verdict on fixture {@code fixture} (sub-directory {@code sub}, "" for its root), run once
     * per JVM on a copy: the fixtures never change, and pytest takes seconds to start.
     */
    static synchronized PytestRun pytestOnFixture(String fixture, String sub, Path scratch) {
        return RUNS.computeIfAbsent(fixture + "/" + sub, k -> {
            Path copy = copy(fixture, scratch.resolve("pytest-" + fixture));
            return pytest(sub.isEmpty() ? copy : copy.resolve(sub));
        });
    }

    static PytestRun pytest(Path dir) {
        String out = run(dir, "", "python3", "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider");
        Map<String, Set<String>> functions = new TreeMap<>();
        int items = 0;
        List<String> errors = new ArrayList<>();
        for (String line : out.lines().toList()) {
            if (line.startsWith("ERROR ")) {
                String what = line.substring(6);
                int cut = what.indexOf(" - ");
                errors.add(cut < 0 ? what.strip() : what.substring(0, cut).strip());
            } else if (line.contains("::") && !line.startsWith(" ") && !line.contains(" ")) {
                items++;
                String id = line.replaceAll("\\[.*]$", "");
                functions.computeIfAbsent(id.substring(0, id.indexOf("::")), k -> new TreeSet<>()).add(id);
            }
        }
        Map<String, Integer> counts = new TreeMap<>();
        functions.forEach((file, ids) -> counts.put(file, ids.size()));
        return new PytestRun(counts, items, errors, out);
    }

    /** Test functions per parsable file, by Python's own parser (ast), under the given name rules. */
    static Map<String, Integer> astOracle(Path root, List<String> files, List<String> classes, List<String> functions) {
        try {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("files", files);
            request.put("classes", classes);
            request.put("functions", functions);
            String out = run(root, JSON.writeValueAsString(request), "python3", resource("ast_oracle.py").toString());
            return new TreeMap<>(JSON.readValue(out, new TypeReference<Map<String, Integer>>() { }));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Our counts per test file: collectable tests, or (for files that do not compile) the tests a line scan finds. */
    static Map<String, Integer> ourCounts(TestCollection.Analysis analysis) {
        Map<String, Integer> out = new TreeMap<>();
        analysis.testFiles().forEach((path, f) -> out.put(path, f.tests.size()));
        return out;
    }

    static Map<String, Integer> collectable(TestCollection.Analysis analysis) {
        Map<String, Integer> out = new TreeMap<>();
        analysis.testFiles().forEach((path, f) -> {
            if (f.collectable() > 0) {
                out.put(path, f.collectable());
            }
        });
        return out;
    }

    private static final Map<String, Set<String>> UNCOMPILABLE = new HashMap<>();

    /**
     * Our analysis of a fixture copy. Which files do not compile is asked of python3 once per distinct
     * tree (keyed by paths and sizes): on a loaded machine each interpreter start costs seconds.
     */
    static TestCollection.Analysis analyse(Path root, TestCollectionConfig config) {
        List<SourceFile> files = pythonFiles(root);
        String key = String.join("\n", files.stream().map(f -> f.path() + ":" + f.size()).toList());
        Set<String> broken;
        synchronized (UNCOMPILABLE) {
            broken = UNCOMPILABLE.computeIfAbsent(key, k -> uncompilable(root, files));
        }
        return TestCollection.analyse(root, files, broken, config);
    }

    private static String run(Path dir, String stdin, String... command) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
            Map<String, String> env = pb.environment();
            env.put("PYTHONDONTWRITEBYTECODE", "1");
            env.remove("PYTEST_ADDOPTS");
            Process p = pb.start();
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            byte[] bytes = p.getInputStream().readAllBytes();
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command));
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Prefixes every key with {@code prefix}. */
    static Map<String, Integer> prefixed(String prefix, Map<String, Integer> counts) {
        Map<String, Integer> out = new HashMap<>();
        counts.forEach((k, v) -> out.put(prefix + k, v));
        return new TreeMap<>(out);
    }
}
