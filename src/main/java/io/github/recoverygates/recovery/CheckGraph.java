package io.github.recoverygates.recovery;

import io.github.recoverygates.core.Config;
import io.github.recoverygates.core.ConfigException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks as a DAG through {@code dependsOn}. Duplicate names, unknown dependencies and
 * cycles are config errors that name the file and line.
 */
final class CheckGraph {

    private final Map<String, CheckSpec> checks;

    private CheckGraph(Map<String, CheckSpec> checks) {
        this.checks = checks;
    }

    static CheckGraph of(List<CheckSpec> specs, Config config, String sectionKey) {
        Map<String, CheckSpec> byName = new LinkedHashMap<>();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < specs.size(); i++) {
            CheckSpec spec = specs.get(i);
            if (byName.putIfAbsent(spec.name(), spec) != null) {
                throw new ConfigException(config.where("/" + sectionKey + "/checks/" + i + "/name")
                        + ": " + sectionKey + ".checks: two checks are named '" + spec.name() + "'");
            }
            index.put(spec.name(), i);
        }
        for (CheckSpec spec : specs) {
            for (int d = 0; d < spec.dependsOn().size(); d++) {
                String dep = spec.dependsOn().get(d);
                if (!byName.containsKey(dep)) {
                    throw new ConfigException(config.where("/" + sectionKey + "/checks/" + index.get(spec.name())
                            + "/dependsOn/" + d) + ": " + sectionKey + ".checks: '" + spec.name()
                            + "' depends on unknown check '" + dep + "' (known: " + String.join(", ", byName.keySet()) + ")");
                }
            }
        }
        List<String> cycle = findCycle(byName);
        if (!cycle.isEmpty()) {
            String first = cycle.get(0);
            int d = byName.get(first).dependsOn().indexOf(cycle.get(1));
            throw new ConfigException(config.where("/" + sectionKey + "/checks/" + index.get(first) + "/dependsOn/" + d)
                    + ": " + sectionKey + ".checks: dependsOn has a cycle: " + String.join(" → ", cycle));
        }
        return new CheckGraph(byName);
    }

    Map<String, CheckSpec> checks() {
        return checks;
    }

    /** A cycle as a path that returns to its start (a → b → a), or empty. */
    private static List<String> findCycle(Map<String, CheckSpec> byName) {
        Map<String, Integer> colour = new HashMap<>(); // absent white, 1 grey, 2 black
        for (String start : byName.keySet()) {
            if (colour.containsKey(start)) {
                continue;
            }
            Deque<String> path = new ArrayDeque<>();
            List<String> cycle = visit(start, byName, colour, path);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        return List.of();
    }

    private static List<String> visit(String node, Map<String, CheckSpec> byName, Map<String, Integer> colour,
                                      Deque<String> path) {
        colour.put(node, 1);
        path.addLast(node);
        for (String dep : byName.get(node).dependsOn()) {
            Integer c = colour.get(dep);
            if (c != null && c == 1) {
                List<String> onPath = new ArrayList<>(path);
                List<String> cycle = new ArrayList<>(onPath.subList(onPath.indexOf(dep), onPath.size()));
                cycle.add(dep);
                return cycle;
            }
            if (c == null) {
                List<String> found = visit(dep, byName, colour, path);
                if (!found.isEmpty()) {
                    return found;
                }
            }
        }
        path.removeLast();
        colour.put(node, 2);
        return List.of();
    }
}
