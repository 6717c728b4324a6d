package io.github.recoverygates.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * Every example a command's help shows is a command line that command accepts: each is parsed
 * against the real command tree, so an example cannot drift from the options (a renamed flag, an
 * enum value that no longer exists) without this failing.
 */
class HelpExamplesTest {

    private static final PrintStream NONE = new PrintStream(OutputStream.nullOutputStream());

    /** Programs an example may run besides recovery-gates (the pre-commit hook runs through git). */
    private static final List<String> OTHER_PROGRAMS = List.of("git");

    @Test
    void everyExampleInEveryCommandsHelpParsesAsThatCommand() {
        Map<String, List<String>> examples = new TreeMap<>();
        Main.commandLine(NONE, NONE).getSubcommands().forEach((name, sub) ->
                examples.put(name, examples(sub.getCommandSpec())));
        examples.put("", examples(Main.commandLine(NONE, NONE).getCommandSpec()));
        assertThat(examples).containsKeys("all", "demo", "serve-reference", "syntax", "ssot", "recovery", "golden-path",
                "comment", "pre-commit", "schema");

        for (Map.Entry<String, List<String>> e : examples.entrySet()) {
            int parsed = 0;
            for (String line : e.getValue()) {
                List<String> args = invocation(line);
                if (args == null) {
                    continue;
                }
                ParseResult result = parse(e.getKey(), line, args);
                assertThat(result.subcommand()).as("the example '%s' runs the command it is shown for", line).isNotNull();
                assertThat(result.subcommand().commandSpec().name()).as(line).isEqualTo(e.getKey());
                parsed++;
            }
            assertThat(parsed > 0 || e.getValue().isEmpty())
                    .as("'%s' shows examples, and at least one of them runs recovery-gates", e.getKey()).isTrue();
        }
    }

    @Test
    void anExampleWithAnUnknownValueOrFlagDoesNotParse() {
        assertThat(parses(invocation("  java -jar recovery-gates.jar demo --fault DROP_TOOL_EVENTS --fault-percent 30")))
                .isFalse();
        assertThat(parses(invocation("  java -jar recovery-gates.jar demo --fault DROP_EVENT --fault-percent 30")))
                .isTrue();
        assertThat(parses(invocation("  recovery-gates syntax --changed-since origin/main"))).isFalse();
        assertThat(parses(invocation("  recovery-gates syntax --changed-from origin/main"))).isTrue();
    }

    @Test
    void theExampleLinesAreReadAsAShellReadsThem() {
        assertThat(invocation("  GITHUB_TOKEN=${{ github.token }} java -jar recovery-gates.jar comment "
                + "\"$RUNNER_TEMP/recovery-gates-report\""))
                .containsExactly("comment", "$RUNNER_TEMP/recovery-gates-report");
        assertThat(invocation("  recovery-gates schema > .recovery-gates.schema.json")).containsExactly("schema");
        assertThat(invocation("  RECOVERY_GATES_JAR=~/tools/recovery-gates.jar git commit   (through the hook)")).isNull();
    }

    /** The example lines of a command's help: the indented lines under a heading "Examples:" or "Example (…):". */
    private static List<String> examples(CommandSpec spec) {
        List<String> out = new ArrayList<>();
        boolean inExamples = false;
        for (String line : spec.usageMessage().footer()) {
            if (line.matches("Examples?\\b.*:")) {
                inExamples = true;
            } else if (inExamples && line.startsWith("  ")) {
                out.add(line);
            } else {
                inExamples = false;
            }
        }
        return out;
    }

    /**
     * The arguments an example line passes to recovery-gates (after {@code java -jar recovery-gates.jar}
     * or the {@code recovery-gates} launcher, without variable assignments and a redirection), or null
     * when it runs another program.
     */
    static List<String> invocation(String line) {
        List<String> words = words(line.replaceAll("\\$\\{\\{[^}]*}}", "\\$EXPRESSION"));
        while (!words.isEmpty() && words.get(0).matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
            words.remove(0);
        }
        int redirect = words.indexOf(">");
        if (redirect >= 0) {
            words = words.subList(0, redirect);
        }
        if (words.size() >= 3 && words.subList(0, 3).equals(List.of("java", "-jar", "recovery-gates.jar"))) {
            return List.copyOf(words.subList(3, words.size()));
        }
        if (!words.isEmpty() && words.get(0).equals("recovery-gates")) {
            return List.copyOf(words.subList(1, words.size()));
        }
        if (words.isEmpty() || !OTHER_PROGRAMS.contains(words.get(0))) {
            fail("the example '%s' runs neither recovery-gates nor one of %s", line, OTHER_PROGRAMS);
        }
        return null;
    }

    /** Splits at blanks outside quotes and drops the quotes, as a POSIX shell does for these lines. */
    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    private static ParseResult parse(String command, String line, List<String> args) {
        try {
            return Main.commandLine(NONE, NONE, args.get(0)).parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            return fail("the example '%s' in the help of '%s' does not parse: %s", line.strip(), command, e.getMessage());
        }
    }

    private static boolean parses(List<String> args) {
        try {
            Main.commandLine(NONE, NONE, args.get(0)).parseArgs(args.toArray(String[]::new));
            return true;
        } catch (CommandLine.ParameterException e) {
            return false;
        }
    }
}
