package io.github.recoverygates.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.recoverygates.api.RunResult;
import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.Graph;
import io.github.recoverygates.core.Json;
import io.github.recoverygates.core.SecretMasker;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.core.Table;
import io.github.recoverygates.core.Threshold;
import io.github.recoverygates.core.Unit;
import io.github.recoverygates.core.Verdict;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.xml.parsers.DocumentBuilderFactory;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Everything the tool prints or writes is read by a machine that obeys it. With names, messages,
 * categories, threshold names, table cells and graph labels made of every C0 control character,
 * {@code ::} workflow commands, {@code %} escapes, ANSI sequences, markup and very long lines, no
 * sink may carry a command, markup or a broken document: the only lines that begin with {@code ::}
 * (after the blanks the runner trims) are the commands the tool itself means to write.
 */
class EveryOutputIsInertPropertyTest {

    /** The commands the tool writes, and only these; a closing stop-commands token is matched separately. */
    private static final Pattern OURS = Pattern.compile("::(add-mask|error|warning|notice|stop-commands)( [^:\\n\\r]*)?::[^\\n\\r]*");

    /** 60 cases of three hostile strings each, from a fixed seed so a failure is reproducible. */
    static Stream<Arguments> hostile() {
        List<String> fragments = new ArrayList<>();
        IntStream.range(0, 0x20).forEach(c -> fragments.add(String.valueOf((char) c)));
        fragments.addAll(List.of("\u007f", "\u0085", "\u2028", "\u202e", "::", "%", "%0A", "%25", ":", ",",
                "::error::pwned", "\n::warning file=x::y", "\r::add-mask::x", "::stop-commands::x", "::x::",
                "\u001b[2J\u001b[31m", "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "`", "```",
                "|", "\\", "${{ secrets.X }}", "#", "[a](javascript:alert(1))", "é", "a".repeat(3000), " ", "\t"));
        Random random = new Random(20261201L);
        return IntStream.range(0, 60).mapToObj(i -> Arguments.of(pick(fragments, random), pick(fragments, random),
                pick(fragments, random)));
    }

    private static String pick(List<String> fragments, Random random) {
        StringBuilder s = new StringBuilder();
        for (int n = 1 + random.nextInt(6); n > 0; n--) {
            s.append(fragments.get(random.nextInt(fragments.size())));
        }
        return s.toString();
    }

    @ParameterizedTest(name = "case {index}")
    @MethodSource("hostile")
    void noSinkCarriesACommandMarkupOrABrokenDocument(String a, String b, String c) throws Exception {
        GateResult r = result(a, b, c);
        Path dir = Files.createTempDirectory("inert");
        try {
            SecretMasker masker = new SecretMasker();
            Map<String, Path> reports = Reports.write(r, Reports.FORMATS, dir.resolve("out"), masker, null);
            String console = ConsoleReport.render(Masked.of(r, masker), reports);
            assertNoCommandLines(console, "console");

            Path summary = dir.resolve("summary.md");
            Path outputs = dir.resolve("outputs.txt");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
            GitHubActions github = new GitHubActions(Map.of("GITHUB_STEP_SUMMARY", summary.toString(),
                    "GITHUB_OUTPUT", outputs.toString()), out, null);
            github.addMasks(masker);
            github.printVerbatim(ConsoleText.lines(console));
            github.publish(r, reports, masker, "syntax-");
            assertOnlyOurCommands(bytes.toString(StandardCharsets.UTF_8));
            assertOutputsParseToOurKeys(Files.readString(outputs));

            Map<String, Path> pages = new Dashboard(Links.NONE, List.of()).write(List.of(r), List.of(), dir.resolve("out"), masker);
            for (Path html : List.of(reports.get("html"), pages.get("dashboard"))) {
                assertInertHtml(Files.readString(html), html.getFileName().toString());
            }
            for (Path md : List.of(reports.get("md"), pages.get("summary"), summary)) {
                String text = Files.readString(md);
                assertThat(text).as(md.getFileName().toString()).doesNotContainIgnoringCase("<script").doesNotContain("<img");
                assertNoCommandLines(text, md.getFileName().toString());
            }
            JsonNode json = Json.REPORT.readTree(reports.get("json").toFile());
            assertThat(json.path("findings").size()).isEqualTo(r.findings().size());
            assertThat(Json.REPORT.readTree(reports.get("sarif").toFile()).path("runs").get(0).path("results").size())
                    .isEqualTo(r.findings().size());
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.newDocumentBuilder().parse(new ByteArrayInputStream(Files.readAllBytes(reports.get("junit"))));
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static GateResult result(String a, String b, String c) {
        List<Finding> findings = List.of(
                Finding.builder("syntax/python", Severity.ERROR).category(a).file("src/" + b + ".py").at(3, 1)
                        .message(c).property("check", a).build(),
                Finding.builder("ssot/" + a, Severity.WARNING).file(c).line(1).message(b).build(),
                Finding.builder("recovery/check-failed", Severity.ERROR).message(a + b).property("blockedBy", c).build());
        Table table = Table.builder("t", a).text("file", b).number("n").row(c, 1L).row(a, 2L).build();
        Graph graph = new Graph("g", b, List.of(new Graph.Node("x", a, c, Graph.State.DOWN),
                new Graph.Node("y", b, null, Graph.State.BLOCKED)), List.of(new Graph.Edge("x", "y", Graph.EdgeKind.BLOCKS)));
        return new GateResult(1, "syntax", Verdict.FAIL, a + " " + c, Instant.parse("2026-01-01T00:00:00Z"), 5,
                new java.util.TreeMap<>(Map.of("m." + b, 1)),
                List.of(Threshold.rate(a, List.of(b), 90, 1, 2, false), Threshold.atMost(c, 1, 2.0, Unit.COUNT)),
                null, findings, List.of(table, graph), null);
    }

    /** The runner splits lines at CR and LF and trims blanks (Unicode ones too) before it looks for "::". */
    private static List<String> runnerLines(String text) {
        return List.of(text.split("\r\n|\r|\n", -1));
    }

    private static boolean commandLike(String line) {
        return line.strip().startsWith("::");
    }

    private static void assertNoCommandLines(String text, String what) {
        assertThat(runnerLines(text)).as(what).noneMatch(EveryOutputIsInertPropertyTest::commandLike);
    }

    private static void assertOnlyOurCommands(String stdout) {
        String closing = null;
        for (String line : runnerLines(stdout)) {
            String t = line.strip();
            if (closing != null) {
                if (t.equals(closing)) {
                    closing = null;
                    continue;
                }
                assertThat(t).as("a line inside a stop-commands block").doesNotStartWith("::");
                continue;
            }
            if (!t.startsWith("::")) {
                continue;
            }
            assertThat(line).as("one of our commands, from the line's start").startsWith("::").matches(OURS);
            if (t.startsWith("::stop-commands::")) {
                String token = t.substring("::stop-commands::".length());
                assertThat(token).matches("rg-[0-9a-f]{32}");
                closing = "::" + token + "::";
            }
        }
        assertThat(closing).as("every stop-commands block is closed").isNull();
    }

    private static void assertOutputsParseToOurKeys(String file) {
        List<String> keys = new ArrayList<>();
        List<String> lines = List.of(file.split("\n", -1));
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.isEmpty()) {
                continue;
            }
            int at = l.indexOf("<<");
            assertThat(at).as("a heredoc header: %s", l).isPositive();
            keys.add(l.substring(0, at));
            String delimiter = l.substring(at + 2);
            i++;
            while (!lines.get(i).equals(delimiter)) {
                i++;
            }
        }
        assertThat(keys).allMatch(k -> k.matches("syntax-[a-z-]+"), "output names are ours");
    }

    private static void assertInertHtml(String html, String what) {
        assertThat(html).as(what).doesNotContainIgnoringCase("<script").doesNotContain("<img")
                .doesNotContainPattern("(?i)(href|src)\\s*=\\s*\"\\s*javascript:");
        // attribute values are quoted and escaped: an event handler could only be an attribute of its own
        String unquoted = html.replaceAll("\"[^\"]*\"", "\"\"");
        assertThat(Pattern.compile("<[a-zA-Z][^>]*\\son[a-z]+\\s*=").matcher(unquoted).find()).as(what + ": event handler").isFalse();
        String tags = Pattern.compile("<([a-zA-Z][a-zA-Z0-9]*)").matcher(html).results().map(m -> m.group(1).toLowerCase())
                .distinct().sorted().collect(Collectors.joining(","));
        assertThat(tags.split(",")).as(what + ": only the elements the renderer writes").allMatch(t -> List.of(
                "a", "article", "body", "code", "dd", "details", "div", "dl", "dt", "em", "footer", "g", "h1", "h2", "h3",
                "head", "header", "html", "li", "line", "link", "main", "meta", "p", "polyline", "rect", "section",
                "span", "strong", "style", "summary", "svg", "table", "tbody", "td", "text", "th", "thead", "title",
                "tr", "ul").contains(t));
    }
}
