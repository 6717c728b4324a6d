package io.github.recoverygates.syntax.collection;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The INI dialect pytest reads ({@code iniconfig}): {@code [section]} headers, {@code key = value}
 * or {@code key: value}, indented continuation lines joined with a newline, whole-line comments
 * starting with '#' or ';' (no inline comments in values). Lines it cannot read are skipped,
 * where iniconfig would refuse the file; {@link #problem()} says which line.
 */
final class IniFile {
    private final Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    private String problem;

    private IniFile() {
    }

    static IniFile parse(String text) {
        IniFile ini = new IniFile();
        Map<String, String> current = null;
        String lastKey = null;
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i];
            String stripped = raw.strip();
            if (stripped.isEmpty() || stripped.charAt(0) == '#' || stripped.charAt(0) == ';') {
                continue;
            }
            String line = raw.stripTrailing();
            if (line.charAt(0) == '[') {
                String header = line;
                int cut = header.indexOf('#');
                if (cut >= 0) {
                    header = header.substring(0, cut);
                }
                cut = header.indexOf(';');
                if (cut >= 0) {
                    header = header.substring(0, cut);
                }
                header = header.stripTrailing();
                if (header.endsWith("]")) {
                    String name = header.substring(1, header.length() - 1);
                    current = ini.sections.computeIfAbsent(name, k -> new LinkedHashMap<>());
                    lastKey = null;
                    continue;
                }
                ini.noteProblem(i + 1, "unexpected line");
                continue;
            }
            if (Character.isWhitespace(line.charAt(0))) {
                if (current == null || lastKey == null) {
                    ini.noteProblem(i + 1, "unexpected value continuation");
                    continue;
                }
                String previous = current.get(lastKey);
                current.put(lastKey, previous.isEmpty() ? stripped : previous + "\n" + stripped);
                continue;
            }
            int eq = line.indexOf('=');
            int colon = line.indexOf(':');
            int split = eq >= 0 && (colon < 0 || colon > eq) ? eq : colon;
            if (split < 0) {
                ini.noteProblem(i + 1, "unexpected line");
                continue;
            }
            if (current == null) {
                ini.noteProblem(i + 1, "no section header defined");
                continue;
            }
            lastKey = line.substring(0, split).strip();
            current.put(lastKey, line.substring(split + 1).strip());
        }
        return ini;
    }

    private void noteProblem(int line, String what) {
        if (problem == null) {
            problem = "line " + line + ": " + what;
        }
    }

    Optional<Map<String, String>> section(String name) {
        return Optional.ofNullable(sections.get(name));
    }

    Optional<String> problem() {
        return Optional.ofNullable(problem);
    }
}
