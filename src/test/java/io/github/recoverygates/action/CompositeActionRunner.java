package io.github.recoverygates.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small stand-in for the GitHub runner, enough to execute a composite action here: it
 * evaluates each step's {@code if:} (the {@code inputs.x == ''} forms the action uses),
 * substitutes {@code ${{ }}} expressions into {@code env:}, runs {@code run:} with
 * {@code bash --noprofile --norc -eo pipefail} like the runner does, with fresh
 * {@code GITHUB_OUTPUT} files per step and a shared {@code GITHUB_STEP_SUMMARY} and
 * {@code GITHUB_ENV}, and collects step outputs and the action's outputs. Steps that
 * {@code uses:} another action (setup-java, cache) are recorded as skipped: the JDK that runs
 * the tests stands in for setup-java, and a test that wants a cache hit fills the cache dir.
 * An expression or condition it does not understand fails the test instead of guessing.
 */
final class CompositeActionRunner {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{\\s*(.+?)\\s*}}");
    private static final Pattern INPUT_TEST = Pattern.compile("inputs\\.([\\w-]+)\\s*(==|!=)\\s*''");
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(3);

    record StepRun(String id, String name, boolean ran, String skippedBecause, int exitCode, String stdout,
                   String stderr, Map<String, String> outputs) {
    }

    record Result(List<StepRun> steps, Map<String, String> outputs, String summary, int exitCode) {
        StepRun step(String id) {
            return steps.stream().filter(s -> id.equals(s.id())).findFirst()
                    .orElseThrow(() -> new AssertionError("no step " + id + " ran: " + steps));
        }

        String stdout() {
            StringBuilder all = new StringBuilder();
            steps.forEach(s -> all.append(s.stdout()));
            return all.toString();
        }
    }

    private final Path actionDir;
    private final JsonNode action;
    private final Path home;
    private final Path runnerTemp;
    private final Path workspace;
    private final Map<String, String> extraEnv = new LinkedHashMap<>();

    CompositeActionRunner(Path actionDir, Path sandbox) throws IOException {
        this.actionDir = actionDir.toAbsolutePath().normalize();
        this.action = YAML.readTree(this.actionDir.resolve("action.yml").toFile());
        this.home = Files.createDirectories(sandbox.resolve("home"));
        this.runnerTemp = Files.createDirectories(sandbox.resolve("runner-temp"));
        this.workspace = Files.createDirectories(sandbox.resolve("workspace"));
    }

    Path home() {
        return home;
    }

    Path runnerTemp() {
        return runnerTemp;
    }

    Path workspace() {
        return workspace;
    }

    /** An environment variable for every step (e.g. a test hook such as RG_MAVEN). */
    CompositeActionRunner env(String name, String value) {
        extraEnv.put(name, value);
        return this;
    }

    /** Runs all steps, stopping after the first failing one as the runner does. */
    Result run(Map<String, String> inputs) throws IOException, InterruptedException {
        return run(inputs, null);
    }

    /** Runs the steps up to and including {@code lastStepId} (null: all). */
    Result run(Map<String, String> givenInputs, String lastStepId) throws IOException, InterruptedException {
        Map<String, String> inputs = new LinkedHashMap<>();
        action.path("inputs").fields().forEachRemaining(e -> inputs.put(e.getKey(), e.getValue().path("default").asText("")));
        givenInputs.forEach((k, v) -> {
            if (!inputs.containsKey(k)) {
                throw new AssertionError("action.yml has no input '" + k + "'");
            }
            inputs.put(k, v);
        });
        Path summary = Files.createTempFile(runnerTemp, "step-summary", ".md");
        Path githubEnv = Files.createTempFile(runnerTemp, "github-env", ".txt");
        Map<String, Map<String, String>> stepOutputs = new HashMap<>();
        List<StepRun> runs = new ArrayList<>();
        int exitCode = 0;
        for (JsonNode step : action.path("runs").path("steps")) {
            String id = step.path("id").asText(null);
            String name = step.path("name").asText(id);
            Context context = new Context(inputs, stepOutputs);
            if (step.has("if") && !condition(step.path("if").asText(), context)) {
                runs.add(new StepRun(id, name, false, "if: " + step.path("if").asText(), 0, "", "", Map.of()));
            } else if (step.has("uses")) {
                runs.add(new StepRun(id, name, false, "uses: " + step.path("uses").asText()
                        + " (a GitHub action; not run by this harness)", 0, "", "", Map.of()));
            } else {
                StepRun run = runScript(id, name, step, context, summary, githubEnv);
                runs.add(run);
                if (id != null) {
                    stepOutputs.put(id, run.outputs());
                }
                if (run.exitCode() != 0) {
                    exitCode = run.exitCode();
                    break;
                }
            }
            if (id != null && id.equals(lastStepId)) {
                break;
            }
        }
        Map<String, String> outputs = new LinkedHashMap<>();
        Context context = new Context(inputs, stepOutputs);
        action.path("outputs").fields().forEachRemaining(e -> outputs.put(e.getKey(), substitute(e.getValue().path("value").asText(), context)));
        return new Result(runs, outputs, Files.readString(summary), exitCode);
    }

    private StepRun runScript(String id, String name, JsonNode step, Context context, Path summary, Path githubEnv)
            throws IOException, InterruptedException {
        if (!"bash".equals(step.path("shell").asText())) {
            throw new AssertionError("step '" + name + "' must declare shell: bash");
        }
        Path script = Files.createTempFile(runnerTemp, "step", ".sh");
        Files.writeString(script, step.path("run").asText());
        Path output = Files.createTempFile(runnerTemp, "github-output", ".txt");
        ProcessBuilder pb = new ProcessBuilder("bash", "--noprofile", "--norc", "-eo", "pipefail", script.toString());
        pb.directory(workspace.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("GITHUB_") || k.startsWith("RUNNER_") || k.startsWith("INPUT_")
                || k.startsWith("RG_") || k.equals("JAVA_TOOL_OPTIONS"));
        env.put("HOME", home.toString());
        env.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("GITHUB_ACTIONS", "true");
        env.put("GITHUB_ACTION_PATH", actionDir.toString());
        env.put("GITHUB_WORKSPACE", workspace.toString());
        env.put("GITHUB_OUTPUT", output.toString());
        env.put("GITHUB_STEP_SUMMARY", summary.toString());
        env.put("GITHUB_ENV", githubEnv.toString());
        env.put("RUNNER_TEMP", runnerTemp.toString());
        env.put("RUNNER_OS", "Linux");
        env.putAll(extraEnv);
        Iterator<Map.Entry<String, JsonNode>> stepEnv = step.path("env").fields();
        while (stepEnv.hasNext()) {
            Map.Entry<String, JsonNode> e = stepEnv.next();
            env.put(e.getKey(), substitute(e.getValue().asText(), context));
        }
        Path stdout = Files.createTempFile(runnerTemp, "stdout", ".txt");
        Path stderr = Files.createTempFile(runnerTemp, "stderr", ".txt");
        pb.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        Process process = pb.start();
        if (!process.waitFor(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("step '" + name + "' did not finish within " + STEP_TIMEOUT);
        }
        return new StepRun(id, name, true, null, process.exitValue(), Files.readString(stdout),
                Files.readString(stderr), parseOutputs(Files.readString(output)));
    }

    /** Parses a {@code $GITHUB_OUTPUT} file: {@code name=value} lines and {@code name<<DELIM} heredocs. */
    static Map<String, String> parseOutputs(String text) {
        Map<String, String> outputs = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            int heredoc = line.indexOf("<<");
            int equals = line.indexOf('=');
            if (heredoc > 0 && (equals < 0 || heredoc < equals)) {
                String delimiter = line.substring(heredoc + 2);
                List<String> value = new ArrayList<>();
                int j = i + 1;
                while (j < lines.length && !lines[j].equals(delimiter)) {
                    value.add(lines[j]);
                    j++;
                }
                if (j >= lines.length) {
                    throw new AssertionError("unterminated heredoc for output " + line.substring(0, heredoc));
                }
                outputs.put(line.substring(0, heredoc), String.join("\n", value));
                i = j;
            } else if (equals > 0) {
                outputs.put(line.substring(0, equals), line.substring(equals + 1));
            } else {
                throw new AssertionError("not an output line: " + line);
            }
        }
        return outputs;
    }

    private record Context(Map<String, String> inputs, Map<String, Map<String, String>> steps) {
    }

    private boolean condition(String text, Context context) {
        Matcher m = INPUT_TEST.matcher(text.strip());
        if (!m.matches()) {
            throw new AssertionError("the harness cannot evaluate if: " + text);
        }
        boolean empty = context.inputs().getOrDefault(m.group(1), "").isEmpty();
        return "==".equals(m.group(2)) == empty;
    }

    private String substitute(String text, Context context) {
        Matcher m = EXPRESSION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(evaluate(m.group(1), context)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String evaluate(String expression, Context context) {
        String[] parts = expression.split("\\.");
        if (parts.length == 2 && parts[0].equals("inputs")) {
            if (!context.inputs().containsKey(parts[1])) {
                throw new AssertionError("expression names an undeclared input: " + expression);
            }
            return context.inputs().get(parts[1]);
        }
        if (parts.length == 4 && parts[0].equals("steps") && parts[2].equals("outputs")) {
            return context.steps().getOrDefault(parts[1], Map.of()).getOrDefault(parts[3], "");
        }
        return switch (expression) {
            case "runner.os" -> "Linux";
            case "runner.temp" -> runnerTemp.toString();
            case "github.action_path" -> actionDir.toString();
            case "github.workspace" -> workspace.toString();
            default -> throw new AssertionError("the harness cannot evaluate ${{ " + expression + " }}");
        };
    }

}
