package io.github.recoverygates.render;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line annotation for a CI's checks view (Jenkins checks-api, GitLab code quality): the
 * finding's place, level and text. Lines are 1-based and at least 1 (a finding without a line
 * is annotated on line 1); {@code level} is error, warning or note.
 */
public record Annotation(String file, int line, int endLine, int column, int endColumn, String level,
                         String title, String message) {

    /** As a map of JDK types only, for remoting and Pipeline scripts. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("file", file);
        map.put("line", (long) line);
        map.put("endLine", (long) endLine);
        map.put("column", (long) column);
        map.put("endColumn", (long) endColumn);
        map.put("level", level);
        map.put("title", title);
        map.put("message", message);
        return map;
    }

    public static Annotation fromMap(Map<?, ?> map) {
        return new Annotation((String) map.get("file"), ((Number) map.get("line")).intValue(),
                ((Number) map.get("endLine")).intValue(), ((Number) map.get("column")).intValue(),
                ((Number) map.get("endColumn")).intValue(), (String) map.get("level"),
                (String) map.get("title"), (String) map.get("message"));
    }
}
