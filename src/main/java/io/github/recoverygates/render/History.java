package io.github.recoverygates.render;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.recoverygates.core.ConfigException;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.Json;
import io.github.recoverygates.core.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Earlier runs of {@code all}, one small JSON file per run in a directory the user keeps between
 * builds (a CI cache or artifact): the verdict and metrics of each gate, so the dashboard can draw
 * how each number moved across the recovery's phases.
 */
public final class History {

    /** One gate in one run. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GatePoint(Verdict verdict, SortedMap<String, Number> metrics) {
    }

    /** One run: when it started and what each gate measured. */
    public record Run(Instant startedAt, SortedMap<String, GatePoint> gates) {
    }

    private History() {
    }

    /** Reads every run in {@code dir}, oldest first; files that are not runs are skipped. */
    public static List<Run> read(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        List<Run> runs = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().matches("run-.*\\.json")).toList()) {
                try {
                    Run run = Json.REPORT.readValue(f.toFile(), Run.class);
                    if (run.startedAt() != null && run.gates() != null) {
                        runs.add(run);
                    }
                } catch (IOException e) {
                    // a damaged history file loses one point of a trend, not the dashboard
                }
            }
        } catch (IOException e) {
            throw new ConfigException("--history " + dir + ": " + e.getMessage(), e);
        }
        runs.sort(Comparator.comparing(Run::startedAt));
        return runs;
    }

    /** The run the given results make. */
    public static Run of(List<GateResult> results, Instant startedAt) {
        SortedMap<String, GatePoint> gates = new TreeMap<>();
        for (GateResult r : results) {
            SortedMap<String, Number> metrics = new TreeMap<>(r.metrics());
            r.thresholds().forEach(t -> metrics.put("threshold." + t.name(), t.actual()));
            gates.put(r.gate(), new GatePoint(r.verdict(), metrics));
        }
        return new Run(startedAt, gates);
    }

    /** Adds a run to {@code dir} (created when missing). */
    public static Path append(Path dir, Run run) {
        try {
            Files.createDirectories(dir);
            String name = "run-" + run.startedAt().toString().replace(':', '-') + ".json";
            Path file = dir.resolve(name);
            Files.writeString(file, Json.REPORT.writeValueAsString(run) + "\n");
            return file;
        } catch (IOException e) {
            throw new ConfigException("--history " + dir + ": cannot write: " + e.getMessage(), e);
        }
    }

    /** The values of one gate's metric across runs, oldest first; runs without it are left out. */
    public static List<Double> series(List<Run> runs, String gate, String metric) {
        List<Double> values = new ArrayList<>();
        for (Run run : runs) {
            GatePoint p = run.gates().get(gate);
            if (p != null && p.metrics() != null && p.metrics().get(metric) != null) {
                values.add(p.metrics().get(metric).doubleValue());
            }
        }
        return values;
    }

    static Map<String, List<Double>> trends(List<Run> runs, String gate, List<String> metrics) {
        Map<String, List<Double>> out = new LinkedHashMap<>();
        for (String m : metrics) {
            List<Double> s = series(runs, gate, m);
            if (s.size() >= 2) {
                out.put(m, s);
            }
        }
        return out;
    }
}
