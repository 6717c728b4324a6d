package io.github.recoverygates.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.Graph;
import io.github.recoverygates.core.Section;
import io.github.recoverygates.core.Table;
import io.github.recoverygates.core.Json;
import io.github.recoverygates.core.SecretMasker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonReportTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("the JSON report follows DESIGN.md's schema: fixed top-level key order, sorted findings")
    void schemaShape() throws Exception {
        String text = JsonReport.render(Masked.of(SampleResults.syntaxFail(), new SecretMasker()));
        JsonNode doc = Json.REPORT.readTree(text);
        List<String> keys = new ArrayList<>();
        doc.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).startsWith("schemaVersion", "gate", "verdict", "summary", "startedAt", "durationMs", "metrics",
                "thresholds");
        assertThat(doc.path("verdict").asText()).isEqualTo("FAIL");
        assertThat(doc.path("startedAt").asText()).isEqualTo("2026-01-01T10:00:00.250Z");
        assertThat(doc.at("/findings/1/severity").asText()).isIn("error", "warning", "note");
        assertThat(doc.at("/thresholds/0/required").asDouble()).isEqualTo(100.0);
        List<String> metricKeys = new ArrayList<>();
        doc.path("metrics").fieldNames().forEachRemaining(metricKeys::add);
        assertThat(metricKeys).isSorted();
        List<String> files = new ArrayList<>();
        doc.path("findings").forEach(f -> files.add(f.path("file").asText("")));
        assertThat(files).isSorted();
        assertThat(text).endsWith("}\n").doesNotContain("\r");
    }

    @Test
    @DisplayName("failing, passing and ERROR reports validate against the shipped report-schema.json")
    void validatesAgainstTheReportSchema() throws Exception {
        com.networknt.schema.JsonSchemaFactory factory = com.networknt.schema.JsonSchemaFactory
                .getInstance(com.networknt.schema.SpecVersion.VersionFlag.V7);
        JsonNode schemaNode;
        try (java.io.InputStream in = JsonReport.class.getResourceAsStream("report-schema.json")) {
            schemaNode = Json.REPORT.readTree(in);
        }
        com.networknt.schema.JsonSchema schema = factory.getSchema(schemaNode,
                com.networknt.schema.SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        for (GateResult r : List.of(SampleResults.syntaxFail(), SampleResults.pass(), SampleResults.gateError(),
                SampleResults.withSecret())) {
            assertThat(schema.validate(Json.REPORT.readTree(JsonReport.render(Masked.of(r, new SecretMasker())))))
                    .as(r.gate()).isEmpty();
        }
        JsonNode broken = Json.REPORT.readTree(JsonReport.render(Masked.of(SampleResults.syntaxFail(), new SecretMasker())));
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken.at("/findings/0")).put("severity", "fatal");
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken).put("verdict", "MAYBE");
        assertThat(schema.validate(broken)).hasSize(2);
    }

    @Test
    @DisplayName("the same result gives the same bytes, whatever order the gate produced its findings in")
    void deterministic() {
        GateResult r = SampleResults.many(40, 5, 5);
        List<Finding> shuffled = new ArrayList<>(r.findings());
        Collections.shuffle(shuffled, new Random(7));
        GateResult again = new GateResult(r.schemaVersion(), r.gate(), r.verdict(), r.summary(), r.startedAt(),
                r.durationMs(), r.metrics(), r.thresholds(), r.baseline(), shuffled, r.sections(), r.details());
        assertThat(JsonReport.render(Masked.of(again, new SecretMasker()))).isEqualTo(JsonReport.render(Masked.of(r, new SecretMasker())));
    }

    @Test
    @DisplayName("a written report reads back into an equal model and re-renders to identical bytes")
    void roundTrip() throws Exception {
        GateResult r = SampleResults.syntaxFail();
        Path file = dir.resolve("syntax.json");
        Files.writeString(file, JsonReport.render(r), StandardCharsets.UTF_8);
        GateResult back = Reports.read(file);
        assertThat(back.gate()).isEqualTo("syntax");
        assertThat(back.findings()).hasSize(r.findings().size());
        assertThat(back.baseline().fixed()).hasSize(1);
        assertThat(back.sections()).extracting(Section::id).containsExactly("lost-tests", "services");
        assertThat(back.sections().get(1)).isInstanceOfSatisfying(Graph.class, g -> assertThat(g.edges())
                .singleElement().extracting(Graph.Edge::kind).isEqualTo(Graph.EdgeKind.BLOCKS));
        assertThat(((Table) back.sections().get(0)).rows().get(0)).containsExactly("tests/mission_critical/test_pay.py", 7);
        assertThat(JsonReport.render(Masked.of(back, new SecretMasker())))
                .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("reading something that is not a report fails with the file's name, not a stack trace")
    void readRejectsNonReports() throws IOException {
        Path garbage = Files.writeString(dir.resolve("x.json"), "{\"gate\": ");
        Path other = Files.writeString(dir.resolve("y.json"), "{\"name\": \"package.json\"}");
        assertThatThrownBy(() -> Reports.read(garbage)).isInstanceOf(IOException.class)
                .hasMessageContaining("x.json").hasMessageContaining("not a recovery-gates report");
        assertThatThrownBy(() -> Reports.read(other)).isInstanceOf(IOException.class).hasMessageContaining("y.json");
        assertThatThrownBy(() -> Reports.read(dir.resolve("missing.json"))).isInstanceOf(IOException.class)
                .hasMessageContaining("missing.json");
    }
}
