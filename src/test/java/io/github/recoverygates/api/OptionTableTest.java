package io.github.recoverygates.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.recoverygates.api.ci.CiOption;
import io.github.recoverygates.core.Gate;
import io.github.recoverygates.core.GateParameter;
import io.github.recoverygates.core.Gates;
import io.github.recoverygates.core.Json;
import io.github.recoverygates.core.ParameterType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * One table of run options ({@link RunOption}), one of wrapper options ({@link CiOption}) and each
 * gate's own parameters ({@link Gate#parameters()}): the CLI is built from them, and here the Jenkins
 * steps' setters, their help files and the Action's inputs are held against them, so none can drift.
 */
class OptionTableTest {

    private static final Path JENKINS = Path.of("jenkins/src/main/java/io/github/recoverygates/jenkins");
    private static final Path HELP = Path.of("jenkins/src/main/resources/io/github/recoverygates/jenkins");
    private static final Pattern SETTER = Pattern.compile("@DataBoundSetter\\s+public void set(\\w+)\\(([\\w<>]+) ");
    /** Action inputs that are about the Action itself, not a run option. */
    private static final Set<String> ACTION_ONLY = Set.of("gate", "args", "java-version", "jar", "sarif", "repair",
            "comment", "github-token");

    private static Map<String, String> setters(Path javaFile) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = SETTER.matcher(Files.readString(javaFile));
        while (m.find()) {
            out.put(Character.toLowerCase(m.group(1).charAt(0)) + m.group(1).substring(1), m.group(2));
        }
        return out;
    }

    private static Set<String> javaTypes(ParameterType type) {
        return switch (type) {
            case LIST -> Set.of("List<String>");
            case BOOLEAN -> Set.of("boolean", "Boolean");
            case INTEGER -> Set.of("int", "Integer");
            case NUMBER -> Set.of("double", "Double");
            default -> Set.of("String");
        };
    }

    @Test
    @DisplayName("every Jenkins step takes exactly the step run options and the wrapper options, typed as the table says, each with its help")
    void theJenkinsStepsCommonParametersAreTheTables() throws Exception {
        Map<String, String> setters = setters(JENKINS.resolve("GateStepBase.java"));
        Map<String, ParameterType> expected = new LinkedHashMap<>();
        RunOption.on(RunOption.Surface.STEP).forEach(o -> expected.put(o.parameter(), o.type()));
        Arrays.stream(CiOption.values()).forEach(o -> expected.put(o.parameter(), o.type()));
        assertThat(setters.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((name, type) -> {
            assertThat(javaTypes(type)).as(name).contains(setters.get(name));
            assertThat(HELP.resolve("GateStepBase/help-" + name + ".html")).as("help for " + name).exists();
        });
    }

    @Test
    @DisplayName("each gate's Jenkins step adds exactly the parameters the gate declares, each with its help")
    void eachGateStepAddsTheGatesOwnParameters() throws Exception {
        for (Gate gate : Gates.all()) {
            String cls = Character.toUpperCase(gate.stepName().charAt(0)) + gate.stepName().substring(1) + "Step";
            Map<String, String> setters = setters(JENKINS.resolve(cls + ".java"));
            assertThat(setters.keySet()).as(cls).containsExactlyInAnyOrderElementsOf(
                    gate.parameters().stream().map(GateParameter::name).toList());
            for (GateParameter p : gate.parameters()) {
                assertThat(javaTypes(p.type())).as(cls + "." + p.name()).contains(setters.get(p.name()));
                assertThat(HELP.resolve(cls + "/help-" + p.name() + ".html")).exists();
            }
        }
    }

    @Test
    @DisplayName("the help files hold distinct texts: one per parameter, not copies")
    void helpTextsAreDistinct() throws Exception {
        Map<String, Path> byText = new LinkedHashMap<>();
        try (var files = Files.walk(HELP)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("help-")).toList()) {
                Path earlier = byText.put(Files.readString(f).strip(), f);
                assertThat(earlier).as("same text as " + f).isNull();
            }
        }
    }

    @Test
    @DisplayName("the Action's inputs are the run options offered to it, under their kebab names, plus its own")
    void theActionsInputsAreTheTables() throws Exception {
        JsonNode action = Json.CONFIG.readTree(Path.of("action/action.yml").toFile());
        Set<String> inputs = new TreeSet<>();
        action.path("inputs").fieldNames().forEachRemaining(inputs::add);
        Set<String> offered = RunOption.on(RunOption.Surface.ACTION).stream().map(RunOption::input)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(inputs).containsAll(offered);
        Set<String> rest = new TreeSet<>(inputs);
        rest.removeAll(offered);
        assertThat(rest).as("inputs that are neither a run option nor the Action's own").isSubsetOf(ACTION_ONLY);
        action.path("inputs").fields().forEachRemaining(e ->
                assertThat(e.getValue().path("description").asText()).as(e.getKey()).isNotBlank());
    }

    @Test
    @DisplayName("the gate commands' options are the CLI run options, nothing declared twice")
    void theCliIsBuiltFromTheTable() {
        var cli = io.github.recoverygates.cli.MainAccess.commandLine();
        for (String command : new String[]{"syntax", "ssot", "recovery", "golden-path", "all"}) {
            Set<String> names = cli.getSubcommands().get(command).getCommandSpec().options().stream()
                    .map(o -> o.longestName()).collect(Collectors.toCollection(TreeSet::new));
            Set<String> expected = new TreeSet<>(Set.of("--github", "--quiet", "--verbose", "--help", "--version"));
            RunOption.on(RunOption.Surface.CLI).forEach(o -> expected.add(o.flag()));
            if (command.equals("all")) {
                expected.addAll(Set.of("--history", "--link-base"));
            }
            assertThat(names).as(command).isEqualTo(expected);
        }
    }
}
