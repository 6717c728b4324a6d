package io.github.recoverygates.syntax.collection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pytest configuration of one directory, found the way pytest 9 looks for it: the first of
 * {@code pytest.toml}, {@code .pytest.toml}, {@code pytest.ini}, {@code .pytest.ini} (these two
 * even without a {@code [pytest]} section), {@code pyproject.toml} with {@code [tool.pytest]} or
 * {@code [tool.pytest.ini_options]}, {@code tox.ini} with {@code [pytest]}, {@code setup.cfg}
 * with {@code [tool:pytest]}.
 *
 * @param file    the config file's name in its directory
 * @param values  option name → raw value (a string, or a list of strings)
 * @param problem why the file could not be read, when pytest would refuse it too; null when fine
 */
record PytestConfigFile(String file, Map<String, Object> values, String problem) {

    static final List<String> NAMES = List.of(
            "pytest.toml", ".pytest.toml", "pytest.ini", ".pytest.ini", "pyproject.toml", "tox.ini", "setup.cfg");

    private static final TomlMapper TOML = new TomlMapper();

    /** The pytest config of {@code dir}, if it has one. */
    static Optional<PytestConfigFile> find(Path dir) {
        for (String name : NAMES) {
            Path p = dir.resolve(name);
            if (!Files.isRegularFile(p)) {
                continue;
            }
            Optional<PytestConfigFile> found = read(p, name);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<PytestConfigFile> read(Path p, String name) {
        String text;
        try {
            text = Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return Optional.of(new PytestConfigFile(name, Map.of(), "cannot be read: " + e.getMessage()));
        }
        if (name.endsWith(".toml")) {
            return readToml(text, name);
        }
        IniFile ini = IniFile.parse(text);
        String section = name.endsWith(".cfg") ? "tool:pytest" : "pytest";
        Optional<Map<String, String>> values = ini.section(section);
        boolean always = name.equals("pytest.ini") || name.equals(".pytest.ini");
        if (values.isEmpty() && !always) {
            return Optional.empty();
        }
        String problem = ini.problem().map(pr -> name + " " + pr + " (pytest refuses the file)").orElse(null);
        return Optional.of(new PytestConfigFile(name, new LinkedHashMap<>(values.orElse(Map.of())), problem));
    }

    private static Optional<PytestConfigFile> readToml(String text, String name) {
        JsonNode root;
        try {
            root = TOML.readTree(text);
        } catch (IOException | RuntimeException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            return Optional.of(new PytestConfigFile(name, Map.of(), name + " is not valid TOML: " + msg));
        }
        boolean dedicated = name.equals("pytest.toml") || name.equals(".pytest.toml");
        JsonNode table = dedicated ? root.path("pytest") : root.path("tool").path("pytest");
        if (dedicated) {
            return Optional.of(nativeMode(name, values(table, null)));
        }
        if (!table.isObject()) {
            return Optional.empty();
        }
        JsonNode ini = table.get("ini_options");
        boolean hasNative = false;
        var names = table.fieldNames();
        while (names.hasNext()) {
            if (!names.next().equals("ini_options")) {
                hasNative = true;
            }
        }
        if (hasNative && ini != null) {
            return Optional.of(new PytestConfigFile(name, Map.of(),
                    name + " has both [tool.pytest] and [tool.pytest.ini_options] (pytest refuses the file)"));
        }
        if (hasNative) {
            return Optional.of(nativeMode(name, values(table, "ini_options")));
        }
        if (ini != null) {
            return Optional.of(new PytestConfigFile(name, values(ini, null), null));
        }
        return Optional.empty();
    }

    private static final List<String> ARGS_OPTIONS = List.of(
            "testpaths", "python_files", "python_classes", "python_functions", "norecursedirs");

    /** Native TOML tables keep TOML types: pytest 9 refuses a string where an "args" option wants a list. */
    private static PytestConfigFile nativeMode(String name, Map<String, Object> values) {
        String problem = null;
        for (String option : ARGS_OPTIONS) {
            Object v = values.get(option);
            if (v != null && !(v instanceof List<?>)) {
                problem = name + ": config option '" + option + "' expects a list, got a string (pytest refuses the file)";
                break;
            }
        }
        return new PytestConfigFile(name, values, problem);
    }

    private static Map<String, Object> values(JsonNode table, String skip) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (!table.isObject()) {
            return out;
        }
        table.fields().forEachRemaining(e -> {
            if (e.getKey().equals(skip)) {
                return;
            }
            JsonNode v = e.getValue();
            if (v.isArray()) {
                List<String> items = new ArrayList<>();
                v.forEach(item -> items.add(item.asText()));
                out.put(e.getKey(), items);
            } else if (v.isValueNode()) {
                out.put(e.getKey(), v.asText());
            }
        });
        return out;
    }

    /** An "args" option as pytest reads it: a list as is, a string split like a shell would; null when absent. */
    List<String> args(String option) {
        Object v = values.get(option);
        if (v == null) {
            return null;
        }
        if (v instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return Shlex.split(v.toString());
    }
}
