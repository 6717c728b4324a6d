package io.github.recoverygates.repair;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code repair.sarif}: the syntax findings of the repaired scope (and the missing-module ones) as
 * SARIF 2.1.0 results, each proven repair attached as a {@code fix} whose {@code artifactChanges}
 * replace whole lines ({@code deletedRegion} from the start of the first line to the start of the
 * line after the last; columns in UTF-16 code units, SARIF's default).
 */
final class FixSarif {

    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    static final String SRCROOT = "%SRCROOT%";

    private FixSarif() {
    }

    static ObjectNode of(ObjectMapper mapper, RepairReport report, Map<String, Change> changes, Path root, String version) {
        ObjectNode doc = mapper.createObjectNode();
        doc.put("$schema", SCHEMA);
        doc.put("version", "2.1.0");
        ObjectNode run = doc.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "recovery-gates");
        driver.put("version", version);
        ArrayNode rules = driver.putArray("rules");
        rule(rules, "syntax/python", "A Python file does not compile");
        rule(rules, "ssot/missing-module", "An import of this repository's own code resolves to no file");
        run.put("columnKind", "utf16CodeUnits");
        ObjectNode base = run.putObject("originalUriBaseIds").putObject(SRCROOT);
        String uri = root.toAbsolutePath().normalize().toUri().toString();
        base.put("uri", uri.endsWith("/") ? uri : uri + "/");
        ArrayNode results = run.putArray("results");
        for (RepairReport.FileRepair f : report.files()) {
            if (f.error() == null) {
                continue;
            }
            ObjectNode r = result(results, "syntax/python", 0, "error", f.path(), f.error().line(), f.error().column(),
                    f.error().message() + " [repair: " + f.status().id() + (f.reason() == null ? "" : ": " + f.reason()) + "]");
            r.putObject("properties").put("category", f.error().category()).put("repair", f.status().id());
            Change c = changes.get(f.path());
            if (c != null && f.status().changes()) {
                fix(r, c, describe(f));
            }
        }
        for (RepairReport.ImportRepair i : report.imports()) {
            ObjectNode r = result(results, "ssot/missing-module", 1, "error", i.path(), i.line(), 1,
                    "no module " + i.module() + " [repair: " + i.status().id() + ": " + i.reason() + "]");
            r.putObject("properties").put("repair", i.status().id());
            if (i.status().changes()) {
                for (Change c : changes.values()) {
                    if (c.path().equals(i.path()) && !c.creates() || c.creates() && i.change() != null
                            && i.change().equals("restore " + c.path())) {
                        fix(r, c, i.reason());
                    }
                }
            }
        }
        return doc;
    }

    private static String describe(RepairReport.FileRepair f) {
        StringBuilder s = new StringBuilder();
        for (RepairReport.Step step : f.steps()) {
            s.append(s.length() == 0 ? "" : "; ").append(step.description());
        }
        return s.length() == 0 ? "repair" : s.toString();
    }

    private static void rule(ArrayNode rules, String id, String text) {
        ObjectNode r = rules.addObject();
        r.put("id", id);
        r.putObject("shortDescription").put("text", text);
    }

    private static ObjectNode result(ArrayNode results, String ruleId, int ruleIndex, String level, String path, int line,
                                     int column, String message) {
        ObjectNode r = results.addObject();
        r.put("ruleId", ruleId);
        r.put("ruleIndex", ruleIndex);
        r.put("level", level);
        r.putObject("message").put("text", message);
        ObjectNode physical = r.putArray("locations").addObject().putObject("physicalLocation");
        location(physical.putObject("artifactLocation"), path);
        ObjectNode region = physical.putObject("region");
        region.put("startLine", Math.max(1, line));
        if (column > 0) {
            region.put("startColumn", column);
        }
        return r;
    }

    private static void location(ObjectNode artifact, String path) {
        artifact.put("uri", uri(path));
        artifact.put("uriBaseId", SRCROOT);
    }

    private static void fix(ObjectNode result, Change c, String description) {
        ObjectNode fix = result.withArray("fixes").addObject();
        fix.putObject("description").put("text", description);
        ObjectNode change = fix.putArray("artifactChanges").addObject();
        location(change.putObject("artifactLocation"), c.path());
        ArrayNode replacements = change.putArray("replacements");
        if (c.creates()) {
            ObjectNode r = replacements.addObject();
            r.putObject("deletedRegion").put("charOffset", 0).put("charLength", 0);
            r.putObject("insertedContent").put("text", c.after());
            return;
        }
        List<String> a = LineDiff.lines(c.before());
        List<String> b = LineDiff.lines(c.after());
        for (LineDiff.Region g : LineDiff.regions(a, b)) {
            ObjectNode r = replacements.addObject();
            ObjectNode deleted = r.putObject("deletedRegion");
            deleted.put("startLine", g.aFrom() + 1).put("startColumn", 1);
            if (g.aTo() == a.size() && !a.isEmpty() && !a.get(a.size() - 1).endsWith("\n")) {
                deleted.put("endLine", g.aTo()).put("endColumn", a.get(g.aTo() - 1).length() + 1);
            } else {
                deleted.put("endLine", g.aTo() + 1).put("endColumn", 1);
            }
            StringBuilder inserted = new StringBuilder();
            for (int k = g.bFrom(); k < g.bTo(); k++) {
                inserted.append(b.get(k));
            }
            r.putObject("insertedContent").put("text", inserted.toString());
        }
    }

    /** A relative URI reference: each byte outside the unreserved and sub-delimiter set percent-encoded, '/' kept. */
    static String uri(String relativePath) {
        StringBuilder out = new StringBuilder();
        for (byte by : relativePath.getBytes(StandardCharsets.UTF_8)) {
            int c = by & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~/!$&'()*+,;=@".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return out.toString();
    }
}
