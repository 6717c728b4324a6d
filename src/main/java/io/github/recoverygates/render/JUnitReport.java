package io.github.recoverygates.render;

import com.ctc.wstx.stax.WstxOutputFactory;
import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.Graph;
import io.github.recoverygates.core.Section;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.core.Threshold;
import io.github.recoverygates.core.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * {@code <gate>.junit.xml}: the run as one JUnit test suite so Jenkins' and GitHub's test views show
 * it. One test case per threshold (fails when the threshold fails), one per node of the gate's
 * graphs (a recovery check: passes when up, is skipped when blocked by another), one per file with findings
 * (fails when it has an error, with every finding's line and message), one per run-level rule,
 * and one passing case that summarises the rest. Class names are the gate plus the file's
 * directory in dotted form, so test views group by directory.
 */
public final class JUnitReport {

    /**
     * Woodstox's stream writer escapes every attribute and text (named here, not found through
     * META-INF/services, so the relocated plugin-facing jar uses it too); the layout is ours: two
     * spaces per level, an element without children written empty.
     */
    private static final XMLOutputFactory XML = new WstxOutputFactory();

    private JUnitReport() {
    }

    /** The JUnit XML of a masked result. */
    public static String render(GateResult r) {
        String gate = clean(r.gate());
        Suites suites = suites(r, gate, cases(r, gate));
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        try {
            XMLStreamWriter xml = XML.createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            write(new Indented(xml), suites);
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new UncheckedIOException("cannot render the JUnit report of " + r.gate(), new java.io.IOException(e));
        }
        return out.toString(StandardCharsets.UTF_8).replace("\r\n", "\n").stripTrailing() + "\n";
    }

    private static void write(Indented xml, Suites suites) throws XMLStreamException {
        xml.start("testsuites", false, "name", suites.name(), "tests", suites.tests(), "failures", suites.failures(),
                "errors", suites.errors(), "time", suites.time());
        for (Suite s : suites.testsuite()) {
            xml.start("testsuite", false, "name", s.name(), "tests", s.tests(), "failures", s.failures(),
                    "errors", s.errors(), "skipped", s.skipped(), "time", s.time(), "timestamp", s.timestamp());
            xml.start("properties", s.properties().isEmpty());
            for (Property p : s.properties()) {
                xml.start("property", true, "name", p.name(), "value", p.value());
            }
            xml.end(s.properties().isEmpty());
            for (TestCase c : s.testcase()) {
                boolean empty = c.failure() == null && c.error() == null && c.skipped() == null && c.systemOut() == null;
                xml.start("testcase", empty, "classname", c.classname(), "name", c.name(), "time", c.time());
                problem(xml, "failure", c.failure());
                problem(xml, "error", c.error());
                if (c.skipped() != null) {
                    xml.start("skipped", true, "message", c.skipped().message());
                }
                if (c.systemOut() != null) {
                    xml.text("system-out", c.systemOut());
                }
                xml.end(empty);
            }
            xml.end(false);
        }
        xml.end(false);
    }

    private static void problem(Indented xml, String element, Problem p) throws XMLStreamException {
        if (p != null) {
            if (p.text() == null) {
                xml.start(element, true, "message", p.message(), "type", p.type());
            } else {
                xml.text(element, p.text(), "message", p.message(), "type", p.type());
            }
        }
    }

    /** The stream writer with the report's layout: each element on a line of its own, nested two spaces deeper. */
    private static final class Indented {
        private final XMLStreamWriter xml;
        private int depth;

        Indented(XMLStreamWriter xml) {
            this.xml = xml;
        }

        /** An element with its attributes (name, value pairs; a null value is left out); {@code empty}: no children follow. */
        void start(String name, boolean empty, Object... attributes) throws XMLStreamException {
            xml.writeCharacters("\n" + "  ".repeat(depth));
            if (empty) {
                xml.writeEmptyElement(name);
            } else {
                xml.writeStartElement(name);
                depth++;
            }
            for (int i = 0; i < attributes.length; i += 2) {
                if (attributes[i + 1] != null) {
                    xml.writeAttribute((String) attributes[i], String.valueOf(attributes[i + 1]));
                }
            }
        }

        /** An element holding only {@code text}, on one line. */
        void text(String name, String text, Object... attributes) throws XMLStreamException {
            start(name, false, attributes);
            xml.writeCharacters(text);
            depth--;
            xml.writeEndElement();
        }

        /** Closes the innermost open element on a line of its own (nothing for an {@code empty} one). */
        void end(boolean empty) throws XMLStreamException {
            if (empty) {
                return;
            }
            depth--;
            xml.writeCharacters("\n" + "  ".repeat(depth));
            xml.writeEndElement();
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
        long failingFiles = 0;
        for (Map.Entry<String, List<Finding>> e : byFile.entrySet()) {
            Problem problem = problem(e.getValue());
            failingFiles += problem == null ? 0 : 1;
            cases.add(new TestCase(className(gate, e.getKey()), clean(e.getKey()), "0.000", problem, null, null,
                    problem == null ? clean(listing(e.getValue())) : null));
        }
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

    record Suites(String name, int tests, int failures, int errors, String time, List<Suite> testsuite) {
    }

    record Suite(String name, int tests, int failures, int errors, int skipped, String time, String timestamp,
                 List<Property> properties, List<TestCase> testcase) {
    }

    record Property(String name, String value) {
    }

    record TestCase(String classname, String name, String time, Problem failure, Problem error, Skipped skipped,
                    String systemOut) {
    }

    record Skipped(String message) {
    }

    record Problem(String message, String type, String text) {
    }
}
