package io.github.recoverygates.render;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.Json;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.core.Threshold;
import io.github.recoverygates.core.Verdict;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code <gate>.sarif}: SARIF 2.1.0 with one run. Every result's file is relative to the checked
 * root and resolved through the {@code %SRCROOT%} base id, so the file is the same on every machine
 * and code scanning resolves it against the checkout. Regions carry only what is known: a 0 line
 * or column (unknown in our model) is left out, never written as 0.
 */
public final class SarifReport {

    public static final String SCHEMA_URI =
            "https://json.schemastore.org/sarif-2.1.0.json";
    public static final String SRCROOT = "%SRCROOT%";
    /** The key of our entry in {@code partialFingerprints}; versioned so a change of scheme is visible. */
    public static final String FINGERPRINT_KEY = "recoveryGatesFingerprint/v2";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SarifReport() {
    }

    /** Code scanning takes at most this many results per run; more and the whole upload is refused. */
    public static final int MAX_RESULTS = 25_000;

    /** The SARIF of a masked result; {@code root}, when given, fills {@code originalUriBaseIds} with its absolute URI. */
    public static String render(GateResult result, Path root) {
        return documents(result, root).get(0);
    }

    /**
     * The SARIF files of a masked result: one run of at most {@link #MAX_RESULTS} results each, the most
     * severe first, so every file stays within code scanning's upload limits. The first file says in
     * its run's properties how many results it left to the others, by level.
     */
    public static List<String> documents(GateResult result, Path root) {
        List<Finding> ordered = result.findings().stream().sorted(Finding.IMPORTANCE).toList();
        List<List<Finding>> parts = new ArrayList<>();
        for (int i = 0; i < Math.max(1, ordered.size()); i += MAX_RESULTS) {
            parts.add(ordered.subList(Math.min(i, ordered.size()), Math.min(ordered.size(), i + MAX_RESULTS)));
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            GateResult part = new GateResult(result.schemaVersion(), result.gate(), result.verdict(), result.summary(),
                    result.startedAt(), result.durationMs(), result.metrics(), result.thresholds(),
                    i == 0 ? result.baseline() : null, parts.get(i), result.sections(), result.details(), result.shard());
            ObjectNode doc = document(part, root);
            ObjectNode props = (ObjectNode) doc.path("runs").get(0).path("properties");
            props.put("part", i + 1);
            props.put("parts", parts.size());
            if (i == 0 && parts.size() > 1) {
                ObjectNode dropped = props.putObject("resultsInOtherParts");
                for (Severity sev : Severity.values()) {
                    dropped.put(sev.id(), ordered.stream().skip(MAX_RESULTS).filter(f -> f.severity() == sev).count());
                }
            }
            try {
                out.add(write(doc, part).replace("\r\n", "\n") + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot render the SARIF report of " + result.gate(), e);
            }
        }
        return out;
    }

    /** The file name of part {@code n} (from 1) of a gate's SARIF: {@code syntax.sarif}, {@code syntax.2.sarif}, … */
    public static String fileName(String gate, int n) {
        return n == 1 ? gate + ".sarif" : gate + "." + n + ".sarif";
    }

    static ObjectNode document(GateResult r, Path root) {
        ObjectNode doc = NODES.objectNode();
        doc.put("$schema", SCHEMA_URI);
        doc.put("version", "2.1.0");
        ObjectNode run = doc.putArray("runs").addObject();
        Map<String, Integer> ruleIndex = tool(run, r);
        invocation(run, r);
        ObjectNode base = run.putObject("originalUriBaseIds").putObject(SRCROOT);
        if (root != null) {
            String uri = root.toAbsolutePath().normalize().toUri().toString();
            base.put("uri", uri.endsWith("/") ? uri : uri + "/");
        }
        base.putObject("description").put("text", "The root directory the " + r.gate() + " gate checked (--root).");
        run.putArray(RESULTS); // written by write(), one result at a time, in place of this empty array
        runProperties(run, r);
        return doc;
    }

    private static final String RESULTS = "results";

    /**
     * The document's JSON: its tree, with the run's results streamed into their place (a large result
     * has thousands, and building their nodes cost more than writing them).
     */
    private static String write(ObjectNode doc, GateResult r) throws IOException {
        Map<String, Integer> ruleIndex = new TreeMap<>();
        JsonNode rules = doc.path("runs").get(0).path("tool").path("driver").path("rules");
        for (int i = 0; i < rules.size(); i++) {
            ruleIndex.put(rules.get(i).path("id").asText(), i);
        }
        StringWriter text = new StringWriter(1024 + r.findings().size() * 768);
        try (JsonGenerator gen = Json.REPORT.writer().createGenerator(text)) {
            gen.writeStartObject();
            for (Map.Entry<String, JsonNode> field : doc.properties()) {
                gen.writeFieldName(field.getKey());
                if (!field.getKey().equals("runs")) {
                    gen.writeTree(field.getValue());
                    continue;
                }
                gen.writeStartArray();
                gen.writeStartObject();
                for (Map.Entry<String, JsonNode> runField : field.getValue().get(0).properties()) {
                    gen.writeFieldName(runField.getKey());
                    if (runField.getKey().equals(RESULTS)) {
                        results(gen, r, ruleIndex);
                    } else {
                        gen.writeTree(runField.getValue());
                    }
                }
                gen.writeEndObject();
                gen.writeEndArray();
            }
            gen.writeEndObject();
        }
        return text.toString();
    }

    /**
     * The run's {@code tool.driver} with one rule per rule id of the findings and the fixed baseline
     * findings, at the most severe level it was found with; returns each rule id's index.
     */
    private static Map<String, Integer> tool(ObjectNode run, GateResult r) {
        List<Finding> all = new ArrayList<>(r.findings());
        if (r.baseline() != null) {
            all.addAll(r.baseline().fixed());
        }
        Map<String, Severity> ruleLevel = new TreeMap<>();
        Map<String, SortedSet<String>> ruleCategories = new TreeMap<>();
        for (Finding f : all) {
            ruleLevel.merge(f.ruleId(), f.severity(), (a, b) -> a.atLeast(b) ? a : b);
            ruleCategories.computeIfAbsent(f.ruleId(), k -> new TreeSet<>());
            if (f.category() != null) {
                ruleCategories.get(f.ruleId()).add(f.category());
            }
        }
        ObjectNode driver = run.putObject("tool").putObject("driver");
        // a tool name per gate: code scanning and Warnings NG keep one history per tool
        driver.put("name", ToolVersion.NAME + "-" + r.gate());
        driver.put("informationUri", ToolVersion.PROJECT_URL);
        driver.put("version", ToolVersion.version());
        driver.put("fullName", ToolVersion.NAME + " " + r.gate() + " gate");
        ArrayNode rules = driver.putArray("rules");
        Map<String, Object> described = ruleDescriptions(r);
        Map<String, Integer> ruleIndex = new TreeMap<>();
        for (String ruleId : ruleLevel.keySet()) {
            ruleIndex.put(ruleId, ruleIndex.size());
            rules.add(rule(r.gate(), ruleId, ruleLevel.get(ruleId), ruleCategories.get(ruleId), described.get(ruleId)));
        }
        return ruleIndex;
    }

    /** The one invocation: whether the gate ran to a verdict, when, and an error's summary as a notification. */
    private static void invocation(ObjectNode run, GateResult r) {
        ObjectNode invocation = run.putArray("invocations").addObject();
        invocation.put("executionSuccessful", r.verdict() != Verdict.ERROR);
        if (r.startedAt() != null) {
            invocation.put("startTimeUtc", r.startedAt().toString());
            invocation.put("endTimeUtc", r.startedAt().plusMillis(Math.max(0, r.durationMs())).toString());
        }
        if (r.verdict() == Verdict.ERROR) {
            ObjectNode notification = invocation.putArray("toolExecutionNotifications").addObject();
            notification.put("level", "error");
            notification.putObject("message").put("text", text(r.summary()));
        }
        ObjectNode invocationProps = invocation.putObject("properties");
        invocationProps.put("verdict", r.verdict().name());
        invocationProps.put("summary", text(r.summary()));
        invocationProps.put("durationMs", r.durationMs());
    }

    /** The findings, then the baseline's fixed findings as passed ({@code absent}) results. */
    private static void results(JsonGenerator gen, GateResult r, Map<String, Integer> ruleIndex) throws IOException {
        gen.writeStartArray();
        for (Finding f : r.findings()) {
            result(gen, f, ruleIndex.get(f.ruleId()), f.baselineState() == null ? null : f.baselineState().id());
        }
        if (r.baseline() != null) {
            for (Finding f : r.baseline().fixed()) {
                result(gen, f, ruleIndex.get(f.ruleId()), "absent");
            }
        }
        gen.writeEndArray();
    }

    /** The run's properties: gate, verdict, metrics, thresholds and the baseline's counts. */
    private static void runProperties(ObjectNode run, GateResult r) {
        ObjectNode runProps = run.putObject("properties");
        runProps.put("gate", r.gate());
        runProps.put("verdict", r.verdict().name());
        runProps.set("metrics", Json.REPORT.valueToTree(r.metrics()));
        ArrayNode thresholds = runProps.putArray("thresholds");
        for (Threshold t : r.thresholds()) {
            thresholds.add(Json.REPORT.<JsonNode>valueToTree(t));
        }
        if (r.baseline() != null) {
            ObjectNode b = runProps.putObject("baseline");
            b.put("new", r.baseline().newCount());
            b.put("unchanged", r.baseline().unchangedCount());
            b.put("fixed", r.baseline().fixedCount());
        }
    }

    /** The gate's own rule sentences ({@link io.github.recoverygates.core.Gate#rules()}), with its documentation as help. */
    private static Map<String, Object> ruleDescriptions(GateResult r) {
        Map<String, Object> out = new TreeMap<>();
        io.github.recoverygates.core.Gates.find(r.gate()).ifPresent(g -> g.rules().forEach((id, text) ->
                out.put(id, Map.of("description", text, "helpUri", ToolVersion.PROJECT_URL + "/blob/main/" + g.docs()))));
        return out;
    }

    private static ObjectNode rule(String gate, String ruleId, Severity level, SortedSet<String> categories,
                                   Object described) {
        ObjectNode rule = NODES.objectNode();
        rule.put("id", ruleId);
        String name = ruleId.contains("/") ? ruleId.substring(ruleId.indexOf('/') + 1) : ruleId;
        String description = null;
        String helpUri = null;
        if (described instanceof Map<?, ?> m) {
            description = m.get("description") instanceof String s ? s : null;
            helpUri = m.get("helpUri") instanceof String s ? s : null;
        } else if (described instanceof String s) {
            description = s;
        }
        if (description == null || description.isBlank()) {
            String owner = ruleId.contains("/") ? ruleId.substring(0, ruleId.indexOf('/')) : gate;
            description = "The " + owner + " gate's check '" + name.replace('-', ' ') + "'";
        }
        rule.put("name", camel(name));
        rule.putObject("shortDescription").put("text", text(description));
        if (!categories.isEmpty()) {
            rule.putObject("fullDescription").put("text",
                    text(description) + ". Categories: " + String.join(", ", categories) + ".");
        }
        if (helpUri == null) {
            helpUri = io.github.recoverygates.core.Gates.find(gate).map(g -> ToolVersion.PROJECT_URL + "/blob/main/" + g.docs())
                    .orElse(ToolVersion.PROJECT_URL + "#readme");
        }
        if (helpUri.matches("(?i)https?://\\S+")) {
            rule.put("helpUri", helpUri);
            rule.putObject("help").put("text", text(description) + ". What it checks and how to configure it: " + helpUri);
        }
        rule.putObject("defaultConfiguration").put("level", level(level));
        return rule;
    }

    private static void result(JsonGenerator gen, Finding f, Integer ruleIndex, String baselineState) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("ruleId", f.ruleId());
        gen.writeFieldName("ruleIndex");
        if (ruleIndex == null) {
            gen.writeNull();
        } else {
            gen.writeNumber(ruleIndex);
        }
        if ("absent".equals(baselineState)) {
            gen.writeStringField("kind", "pass");
            gen.writeStringField("level", "none");
        } else {
            gen.writeStringField("level", level(f.severity()));
        }
        gen.writeObjectFieldStart("message");
        gen.writeStringField("text", text(f.message()));
        gen.writeEndObject();
        gen.writeArrayFieldStart("locations");
        gen.writeStartObject();
        if (f.file() != null && !f.file().isBlank()) {
            gen.writeObjectFieldStart("physicalLocation");
            gen.writeObjectFieldStart("artifactLocation");
            gen.writeStringField("uri", uri(f.file()));
            gen.writeStringField("uriBaseId", SRCROOT);
            gen.writeEndObject();
            ObjectNode region = region(f);
            if (region != null) {
                gen.writeFieldName("region");
                gen.writeTree(region);
            }
            gen.writeEndObject();
        } else {
            gen.writeArrayFieldStart("logicalLocations");
            gen.writeStartObject();
            gen.writeStringField("name", f.category() != null ? f.category() : f.ruleId());
            gen.writeStringField("fullyQualifiedName", f.ruleId() + (f.category() != null ? "/" + f.category() : ""));
            gen.writeStringField("kind", "module");
            gen.writeEndObject();
            gen.writeEndArray();
        }
        gen.writeEndObject();
        gen.writeEndArray();
        gen.writeObjectFieldStart("partialFingerprints");
        gen.writeStringField(FINGERPRINT_KEY, f.fingerprint() != null ? f.fingerprint() : sha256(f.messageKey()));
        gen.writeEndObject();
        if (baselineState != null) {
            gen.writeStringField("baselineState", baselineState);
        }
        Map<String, String> props = new LinkedHashMap<>(); // a property of the finding's own replaces these in place
        if (f.category() != null) {
            props.put("category", f.category());
        }
        props.put("severity", f.severity().id());
        props.putAll(f.properties());
        gen.writeObjectFieldStart("properties");
        for (Map.Entry<String, String> p : props.entrySet()) {
            gen.writeStringField(p.getKey(), p.getValue());
        }
        gen.writeEndObject();
        gen.writeEndObject();
    }

    /** Only known coordinates; an end before the start is dropped rather than made invalid. */
    static ObjectNode region(Finding f) {
        if (f.line() <= 0) {
            return null;
        }
        ObjectNode region = NODES.objectNode();
        region.put("startLine", f.line());
        if (f.column() > 0) {
            region.put("startColumn", f.column());
        }
        boolean endLineKnown = f.endLine() >= f.line();
        if (endLineKnown) {
            region.put("endLine", f.endLine());
        }
        int effectiveEndLine = endLineKnown ? f.endLine() : f.line();
        if (f.endColumn() > 0 && (endLineKnown || f.endLine() <= 0)
                && (effectiveEndLine > f.line() || f.column() <= 0 || f.endColumn() >= f.column())) {
            region.put("endColumn", f.endColumn());
        }
        return region;
    }

    /** A relative URI reference: each path segment percent-encoded, '/' kept. */
    static String uri(String relativePath) {
        StringBuilder out = new StringBuilder();
        for (byte b : relativePath.replace('\\', '/').getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~/!$&'()*+,;=@".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return out.toString();
    }

    static String level(Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case NOTE -> "note";
        };
    }

    private static String camel(String name) {
        StringBuilder out = new StringBuilder();
        boolean up = true;
        for (char c : name.toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                out.append(up ? Character.toUpperCase(c) : c);
                up = false;
            } else {
                up = true;
            }
        }
        return out.length() == 0 ? "Rule" : out.toString();
    }

    private static String text(String s) {
        return s == null || s.isEmpty() ? "(no message)" : s;
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
