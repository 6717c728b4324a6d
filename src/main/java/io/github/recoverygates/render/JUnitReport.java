package io.github.recoverygates.render;

import com.ctc.wstx.stax.WstxInputFactory;
import com.ctc.wstx.stax.WstxOutputFactory;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.xml.XmlFactory;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlText;
import com.fasterxml.jackson.dataformat.xml.ser.ToXmlGenerator;
import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.Graph;
import io.github.recoverygates.core.Section;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.core.Threshold;
import io.github.recoverygates.core.Verdict;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code <gate>.junit.xml}: the run as one JUnit test suite so Jenkins' and GitHub's test views show
 * it. One test case per threshold (fails when the threshold fails), one per node of the gate's
 * graphs (a recovery check: passes when up, is skipped when blocked by another), one per file with findings
 * (fails when it has an error, with every finding's line and message), one per run-level rule,
 * and one passing case that summarises the rest. Class names are the gate plus the file's
 * directory in dotted form, so test views group by directory.
 */
public final class JUnitReport {

    /** Woodstox named here, not found through META-INF/services, so the relocated plugin-facing jar uses it too. */
    private static final XmlMapper XML = XmlMapper.builder(XmlFactory.builder()
                    .xmlInputFactory(new WstxInputFactory()).xmlOutputFactory(new WstxOutputFactory()).build())
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(ToXmlGenerator.Feature.WRITE_XML_DECLARATION)
            .build();

    private JUnitReport() {
    }

    /** The JUnit XML of a masked result. */
    public static String render(GateResult r) {
        String gate = clean(r.gate());
        Suites suites = suites(r, gate, cases(r, gate));
        try {
            return XML.writeValueAsString(suites).replace("\r\n", "\n").stripTrailing() + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot render the JUnit report of " + r.gate(), e);
        }
    }

    /** The test cases in order: thresholds, graph nodes, run-level rules, files, and the summary case. */
    private static List<TestCase> cases(GateResult r, String gate) {
        List<TestCase> cases = new ArrayList<>();
        for (Threshold t : r.thresholds()) {
            cases.add(new TestCase(gate + ".thresholds", clean(t.name()), "0.000",
                    t.passed() ? null : new Problem(clean(Wording.thresholdVerdict(t)), "threshold",
                            clean(Wording.thresholdLine(t))),
                    null, null, null));
        }
        Map<String, List<Finding>> byNode = new TreeMap<>();
        Map<String, List<Finding>> byFile = new TreeMap<>();
        Map<String, List<Finding>> byRule = new TreeMap<>();
        for (Finding f : r.findings()) {
            String node = f.properties().get(Graph.NODE_PROPERTY);
            if (node != null) {
                byNode.computeIfAbsent(node, k -> new ArrayList<>()).add(f);
            } else if (!f.hasFile()) {
                byRule.computeIfAbsent(f.ruleId(), k -> new ArrayList<>()).add(f);
            } else {
                byFile.computeIfAbsent(f.file(), k -> new ArrayList<>()).add(f);
            }
        }
        for (Section s : r.sections()) {
            if (s instanceof Graph g) {
                for (Graph.Node n : g.nodes()) {
                    cases.add(nodeCase(gate + "." + clean(g.id()), n, byNode.getOrDefault(n.id(), List.of())));
                }
            }
        }
        for (Map.Entry<String, List<Finding>> e : byRule.entrySet()) {
            List<Finding> fs = e.getValue();
            boolean gateError = r.verdict() == Verdict.ERROR && e.getKey().endsWith("/gate-error");
            Problem problem = problem(fs);
            cases.add(new TestCase(gate, clean(e.getKey()), "0.000",
                    gateError ? null : problem, gateError ? problem : null, null,
                    problem == null ? clean(listing(fs)) : null));
        }
        for (Map.Entry<String, List<Finding>> e : byFile.entrySet()) {
            Problem problem = problem(e.getValue());
            cases.add(new TestCase(className(gate, e.getKey()), clean(e.getKey()), "0.000", problem, null, null,
                    problem == null ? clean(listing(e.getValue())) : null));
        }
        long failingFiles = byFile.values().stream().filter(fs -> problem(fs) != null).count();
        cases.add(new TestCase(gate, gate + " summary", seconds(r.durationMs()), null, null, null,
                clean(r.verdict() + ": " + r.summary() + "\n" + failingFiles + " of the files with findings fail; "
                        + "every other checked file passed.\n" + Wording.counts(r))));
        return cases;
    }

    /** The one suite of the cases, with its counts, timing and the run's verdict as properties. */
    private static Suites suites(GateResult r, String gate, List<TestCase> cases) {
        int failures = (int) cases.stream().filter(c -> c.failure() != null).count();
        int errors = (int) cases.stream().filter(c -> c.error() != null).count();
        int skipped = (int) cases.stream().filter(c -> c.skipped() != null).count();
        List<Property> properties = List.of(
                new Property("verdict", r.verdict().name()),
                new Property("summary", clean(r.summary())),
                new Property("tool", ToolVersion.NAME + " " + ToolVersion.version()));
        Suite suite = new Suite(gate, cases.size(), failures, errors, skipped, seconds(r.durationMs()),
                r.startedAt() == null ? null : r.startedAt().toString().replaceFirst("\\.\\d+Z$", "Z")
                        .replaceFirst("Z$", ""),
                properties, cases);
        return new Suites(ToolVersion.NAME + " " + gate, cases.size(), failures, errors,
                seconds(r.durationMs()), List.of(suite));
    }

    /** A graph node (a recovery check) as a test case: up passes, skipped or blocked is skipped, else it fails. */
    private static TestCase nodeCase(String className, Graph.Node n, List<Finding> fs) {
        String what = clean(n.label() + (n.detail() == null ? "" : " (" + n.detail() + ")"));
        String listing = fs.isEmpty() ? null : clean(listing(fs));
        Graph.State state = n.state() == null ? Graph.State.UP : n.state();
        String message = fs.isEmpty() ? state.id() : clean(Wording.oneLine(fs.get(0).message(), 300));
        return switch (state) {
            case UP -> new TestCase(className, clean(n.label()), "0.000", null, null, null, what);
            case SKIPPED, BLOCKED -> new TestCase(className, clean(n.label()), "0.000", null, null,
                    new Skipped(message), listing);
            case DOWN, DEGRADED -> new TestCase(className, clean(n.label()), "0.000",
                    new Problem(message, state.id(), listing == null ? what : listing), null, null, null);
        };
    }

    private static Problem problem(List<Finding> fs) {
        List<Finding> errors = fs.stream().filter(f -> f.severity() == Severity.ERROR).toList();
        if (errors.isEmpty()) {
            return null;
        }
        String rules = errors.stream().map(Finding::ruleId).distinct().sorted().collect(Collectors.joining(","));
        String message = errors.size() == 1 ? Wording.oneLine(errors.get(0).message(), 300)
                : errors.size() + " errors: " + Wording.oneLine(errors.get(0).message(), 300);
        return new Problem(clean(message), clean(rules), clean(listing(fs)));
    }

    private static String listing(List<Finding> fs) {
        return fs.stream().map(Wording::findingLine).collect(Collectors.joining("\n"));
    }

    static String className(String gate, String file) {
        int slash = file.lastIndexOf('/');
        if (slash <= 0) {
            return gate;
        }
        return gate + "." + clean(file.substring(0, slash).replace('/', '.'));
    }

    private static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.3f", Math.max(0, ms) / 1000.0);
    }

    static String clean(String s) {
        return XmlText.clean(s);
    }

    @JacksonXmlRootElement(localName = "testsuites")
    @JsonPropertyOrder({"name", "tests", "failures", "errors", "time", "testsuite"})
    record Suites(@JacksonXmlProperty(isAttribute = true) String name,
                  @JacksonXmlProperty(isAttribute = true) int tests,
                  @JacksonXmlProperty(isAttribute = true) int failures,
                  @JacksonXmlProperty(isAttribute = true) int errors,
                  @JacksonXmlProperty(isAttribute = true) String time,
                  @JacksonXmlElementWrapper(useWrapping = false) List<Suite> testsuite) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"name", "tests", "failures", "errors", "skipped", "time", "timestamp", "properties", "testcase"})
    record Suite(@JacksonXmlProperty(isAttribute = true) String name,
                 @JacksonXmlProperty(isAttribute = true) int tests,
                 @JacksonXmlProperty(isAttribute = true) int failures,
                 @JacksonXmlProperty(isAttribute = true) int errors,
                 @JacksonXmlProperty(isAttribute = true) int skipped,
                 @JacksonXmlProperty(isAttribute = true) String time,
                 @JacksonXmlProperty(isAttribute = true) String timestamp,
                 @JacksonXmlElementWrapper(localName = "properties") @JacksonXmlProperty(localName = "property")
                 List<Property> properties,
                 @JacksonXmlElementWrapper(useWrapping = false) List<TestCase> testcase) {
    }

    @JsonPropertyOrder({"name", "value"})
    record Property(@JacksonXmlProperty(isAttribute = true) String name,
                    @JacksonXmlProperty(isAttribute = true) String value) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"classname", "name", "time", "failure", "error", "skipped", "system-out"})
    record TestCase(@JacksonXmlProperty(isAttribute = true) String classname,
                    @JacksonXmlProperty(isAttribute = true) String name,
                    @JacksonXmlProperty(isAttribute = true) String time,
                    Problem failure,
                    Problem error,
                    Skipped skipped,
                    @JacksonXmlProperty(localName = "system-out") String systemOut) {
    }

    record Skipped(@JacksonXmlProperty(isAttribute = true) String message) {
    }

    @JsonPropertyOrder({"message", "type", "text"})
    record Problem(@JacksonXmlProperty(isAttribute = true) String message,
                   @JacksonXmlProperty(isAttribute = true) String type,
                   @JacksonXmlText String text) {
    }
}
