package io.github.recoverygates.github;

import java.util.Map;
import java.util.StringJoiner;

/**
 * GitHub Actions workflow commands ({@code ::name key=value,…::data}) with the runner's escaping:
 * in data {@code %}, CR and LF are percent-encoded; in property values also {@code :} and {@code ,},
 * which would otherwise end the value.
 */
public final class WorkflowCommands {

    private WorkflowCommands() {
    }

    public static String escapeData(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    public static String escapeProperty(String s) {
        return escapeData(s).replace(":", "%3A").replace(",", "%2C");
    }

    /** One command line; properties in the map's iteration order, null values left out. */
    public static String command(String name, Map<String, String> properties, String data) {
        StringBuilder s = new StringBuilder("::").append(name);
        StringJoiner props = new StringJoiner(",");
        properties.forEach((k, v) -> {
            if (v != null && !v.isEmpty()) {
                props.add(k + "=" + escapeProperty(v));
            }
        });
        if (props.length() > 0) {
            s.append(' ').append(props);
        }
        return s.append("::").append(escapeData(data)).toString();
    }
}
