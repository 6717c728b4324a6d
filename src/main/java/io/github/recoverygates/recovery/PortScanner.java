package io.github.recoverygates.recovery;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the port a service is configured to listen on from the places the seeds kept it:
 * Python ({@code bind = "0.0.0.0:8081"}, {@code PORT = 8081}, {@code os.environ.get("PORT", "8081")}),
 * Dockerfiles ({@code EXPOSE}, {@code ENV PORT}, {@code --port}/{@code --bind} in commands), YAML
 * ({@code containerPort}, {@code PORT: "8081"}, {@code {name: PORT, value: "8081"}}) and dotenv-like
 * files ({@code PORT=8081}).
 */
final class PortScanner {

    /** One port setting at one place; line and column are 1-based. */
    record PortSetting(int line, int column, int port, String how) {
    }

    private static final Pattern PY_ENV_DEFAULT = Pattern.compile(
            "(?:environ\\.get|getenv)\\(\\s*['\"]([A-Z_]*PORT)['\"]\\s*,\\s*(?:default\\s*=\\s*)?['\"]?(\\d{1,5})\\b");
    private static final Pattern PY_BIND = Pattern.compile("\\bbind\\s*=\\s*[\\[(]?\\s*f?['\"][^'\"]*:(\\d{1,5})['\"]");
    private static final Pattern PY_PORT = Pattern.compile("\\b(port|PORT|[A-Z_]+_PORT)\\s*=\\s*['\"]?(\\d{1,5})\\b");
    private static final Pattern CMD_PORT = Pattern.compile(
            "(?:--port[ =]+|--bind[ =]+[^\\s\"',]*:|(?<![\\w-])-b\\s+[^\\s\"',]*:|(?<![\\w-])-p\\s+)(\\d{1,5})\\b");
    private static final Pattern DOCKER_EXPOSE = Pattern.compile("^\\s*EXPOSE\\s+(.*)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern DOCKER_ENV_PORT = Pattern.compile(
            "^\\s*ENV\\s+(?:.*\\s)?PORT(?:=|\\s+)['\"]?(\\d{1,5})\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern NUMBER = Pattern.compile("\\b(\\d{1,5})(?:/(?:tcp|udp))?\\b");
    private static final Pattern DOTENV_PORT = Pattern.compile("^\\s*(?:export\\s+)?PORT\\s*[=:]\\s*['\"]?(\\d{1,5})\\b");

    private PortScanner() {
    }

    static List<PortSetting> scan(String fileName, String text) {
        String name = fileName.substring(fileName.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (name.endsWith(".py")) {
            return python(text);
        } else if (name.startsWith("dockerfile") || name.endsWith(".dockerfile") || name.startsWith("containerfile")) {
            return dockerfile(text);
        } else if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return yaml(text);
        }
        return dotenv(text);
    }

    private static List<PortSetting> python(String text) {
        List<PortSetting> found = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = stripPythonComment(lines[i]);
            Matcher env = PY_ENV_DEFAULT.matcher(line);
            boolean any = false;
            while (env.find()) {
                found.add(new PortSetting(i + 1, env.start(2) + 1, Integer.parseInt(env.group(2)),
                        "default of " + env.group(1)));
                any = true;
            }
            Matcher bind = PY_BIND.matcher(line);
            while (bind.find()) {
                found.add(new PortSetting(i + 1, bind.start(1) + 1, Integer.parseInt(bind.group(1)), "bind"));
                any = true;
            }
            if (!any) {
                Matcher port = PY_PORT.matcher(line);
                while (port.find()) {
                    found.add(new PortSetting(i + 1, port.start(2) + 1, Integer.parseInt(port.group(2)), port.group(1)));
                    any = true;
                }
            }
            if (!any) {
                commandPorts(line, i, found);
            }
        }
        return found;
    }

    private static String stripPythonComment(String line) {
        int hash = line.indexOf('#');
        return hash >= 0 && line.substring(0, hash).chars().filter(c -> c == '"' || c == '\'').count() % 2 == 0
                ? line.substring(0, hash) : line;
    }

    private static List<PortSetting> dockerfile(String text) {
        List<PortSetting> found = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.strip().startsWith("#")) {
                continue;
            }
            Matcher expose = DOCKER_EXPOSE.matcher(line);
            if (expose.find()) {
                Matcher n = NUMBER.matcher(expose.group(1));
                while (n.find()) {
                    found.add(new PortSetting(i + 1, expose.start(1) + n.start(1) + 1, Integer.parseInt(n.group(1)), "EXPOSE"));
                }
                continue;
            }
            Matcher env = DOCKER_ENV_PORT.matcher(line);
            if (env.find()) {
                found.add(new PortSetting(i + 1, env.start(1) + 1, Integer.parseInt(env.group(1)), "ENV PORT"));
                continue;
            }
            commandPorts(line, i, found);
        }
        return found;
    }

    private static void commandPorts(String line, int index, List<PortSetting> found) {
        Matcher cmd = CMD_PORT.matcher(line);
        while (cmd.find()) {
            found.add(new PortSetting(index + 1, cmd.start(1) + 1, Integer.parseInt(cmd.group(1)), "command line"));
        }
    }

    private static List<PortSetting> dotenv(String text) {
        List<PortSetting> found = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = DOTENV_PORT.matcher(lines[i]);
            if (m.find()) {
                found.add(new PortSetting(i + 1, m.start(1) + 1, Integer.parseInt(m.group(1)), "PORT"));
            } else if (!lines[i].strip().startsWith("#")) {
                commandPorts(lines[i], i, found);
            }
        }
        return found;
    }

    /** A scalar and where it stood. */
    private record Scalar(String text, int line, int column) {
    }

    private static List<PortSetting> yaml(String text) {
        List<PortSetting> found = new ArrayList<>();
        Deque<Map<String, Scalar>> objects = new ArrayDeque<>();
        try (JsonParser parser = new YAMLFactory().createParser(text)) {
            String field = null;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                switch (token) {
                    case START_OBJECT -> {
                        objects.push(new HashMap<>());
                        field = null;
                    }
                    case END_OBJECT -> {
                        Map<String, Scalar> object = objects.pop();
                        Scalar name = object.get("name");
                        Scalar value = object.get("value");
                        if (name != null && value != null && name.text().equals("PORT") && isPort(value.text())) {
                            found.add(new PortSetting(value.line(), value.column(), Integer.parseInt(value.text().strip()),
                                    "env PORT"));
                        }
                        field = null;
                    }
                    case FIELD_NAME -> field = parser.currentName();
                    case VALUE_STRING, VALUE_NUMBER_INT -> {
                        Scalar s = new Scalar(parser.getText(), parser.currentTokenLocation().getLineNr(),
                                parser.currentTokenLocation().getColumnNr());
                        if (field != null && !objects.isEmpty()) {
                            objects.peek().put(field, s);
                            if ((field.equals("containerPort") || field.equals("PORT")) && isPort(s.text())) {
                                found.add(new PortSetting(s.line(), s.column(), Integer.parseInt(s.text().strip()), field));
                            }
                        }
                        if (token == JsonToken.VALUE_STRING) {
                            Matcher cmd = CMD_PORT.matcher(s.text());
                            while (cmd.find()) {
                                found.add(new PortSetting(s.line(), s.column(), Integer.parseInt(cmd.group(1)), "command line"));
                            }
                        }
                        field = null;
                    }
                    default -> field = token == JsonToken.START_ARRAY ? field : null;
                }
            }
        } catch (IOException e) {
            // an unparsable YAML file still gets a line scan
            return dotenv(text);
        }
        return found;
    }

    private static boolean isPort(String text) {
        return text != null && text.strip().matches("\\d{1,5}");
    }
}
